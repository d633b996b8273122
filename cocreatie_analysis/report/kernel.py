"""Warm kernels: one notebook kernel kept alive per worker and reused for many report notebooks.

Starting a kernel and importing pandas, plotly and this package again costs 3-4 s per notebook, more than
running it. A `WarmKernel` starts one kernel, imports the report library in it once, and runs notebook after
notebook in it through papermill (which stays the parameter mechanism: its `parameters` cell, its injected
cell, its metadata). Before every notebook the kernel's namespace, execution counter and warning registry are
reset, so an executed notebook is the same as from a fresh kernel (a test compares them). The kernel is
restarted after a failed notebook (its state is unknown) and after `max_runs` notebooks (memory).
"""

from __future__ import annotations

import atexit
import os
import threading
from multiprocessing import util as mp_util

from jupyter_client.manager import KernelManager
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import remove_args

__all__ = ["ENGINE", "WarmKernel", "warm_kernel"]

ENGINE = "cocreatie-warm"

# Run silently before the first notebook: what every report imports, so each notebook finds it loaded.
_WARM_UP = "import cocreatie_analysis.report.present, cocreatie_analysis.report.plots\n"

# Run silently before each notebook: an empty namespace and a fresh history session (execution counts start at
# 1 again, as in a new kernel); the warning registries are emptied (re-setting the filters invalidates them) so
# a warning shown by an earlier notebook is shown again.
_FRESH_START = """\
get_ipython().reset(new_session=True, aggressive=False)
import warnings as _w
_f = list(_w.filters); _w.resetwarnings(); _w.filters[:] = _f
del _w, _f
"""


class WarmKernel:
    """One kernel, started on first use, in which papermill runs one notebook after another.

    ``kernel.execute(source, output, parameters)`` takes the arguments of `papermill.execute_notebook`. Not
    thread-safe: use one per thread (`warm_kernel` does).
    """

    def __init__(
        self, kernel_name: str = "python3", cwd: str | None = None, max_runs: int = 200, startup_timeout: int = 120
    ):
        self.kernel_name = kernel_name
        self.cwd = cwd
        self.max_runs = max_runs
        self.startup_timeout = startup_timeout
        self.km: KernelManager | None = None
        self.kc = None
        self.runs = 0
        self.starts = 0
        self.pid = os.getpid()  # a forked process inherits this object, not the kernel: it must leave it alone

    def start(self, attempts: int = 3) -> None:
        """Start the kernel and import the report library in it. A kernel that dies while starting (another
        process took one of the free ports it was given: a known race when many kernels start at once) is
        started again on other ports."""
        for attempt in range(attempts):
            try:
                self._start()
                break
            except RuntimeError:
                if attempt == attempts - 1:
                    raise
        self.runs = 0
        self.starts += 1

    def _start(self) -> None:
        self.pid = os.getpid()
        self.km = KernelManager(kernel_name=self.kernel_name)
        self.km.start_kernel(
            cwd=self.cwd,
            extra_arguments=["--IPKernelApp.log_level=ERROR", "--HistoryManager.hist_file=:memory:"],
        )
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=self.startup_timeout)
            self.kc.allow_stdin = False
            self._run_silently(_WARM_UP)
        except BaseException:
            self.shutdown()
            raise

    def _run_silently(self, code: str) -> None:
        reply = self.kc.execute_interactive(code, silent=True, store_history=False, timeout=self.startup_timeout)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise RuntimeError(
                f"the report kernel could not be prepared: {content.get('ename')}: {content.get('evalue')}"
            )

    def shutdown(self) -> None:
        """Stop the kernel (if any); the next `execute` starts a new one."""
        kc, km, self.kc, self.km = self.kc, self.km, None, None
        if self.pid != os.getpid():  # the kernel of the process this one was forked from
            return
        if kc is not None:
            kc.stop_channels()
        if km is not None:
            try:
                km.shutdown_kernel(now=True)
            except Exception:  # already gone (killed): only its files remain
                km.cleanup_resources()

    def alive(self) -> bool:
        return self.km is not None and self.pid == os.getpid() and self.km.is_alive()

    def execute(self, source: str, output: str, parameters: dict, **papermill_kwargs):
        """Run one notebook with papermill in this kernel; return the executed notebook node."""
        import papermill

        if self.runs >= self.max_runs or (self.km is not None and not self.alive()):
            self.shutdown()
        if self.km is None:
            self.start()
        self.runs += 1
        try:
            self._run_silently(_FRESH_START)
            return papermill.execute_notebook(
                source,
                output,
                parameters=parameters,
                kernel_name=self.kernel_name,
                engine_name=ENGINE,
                warm_kernel=self,
                **papermill_kwargs,
            )
        except BaseException:
            self.shutdown()  # a failed or interrupted notebook leaves the kernel in an unknown state
            raise


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine, on the kernel of a `WarmKernel` instead of a new one."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, **kwargs):
        warm: WarmKernel = kwargs.pop("warm_kernel")
        kwargs = remove_args(
            ["input_path", "start_timeout", "timeout", "startup_timeout", "execution_timeout"], **kwargs
        )
        client = PapermillNotebookClient(
            nb_man, km=warm.km, kernel_name=kernel_name, log=logger, log_output=log_output, **kwargs
        )
        client.kc = warm.kc  # with a kernel manager and client given, nbclient neither starts nor stops a kernel
        return client.execute()


papermill_engines.register(ENGINE, WarmEngine)

_local = threading.local()
_all: list[WarmKernel] = []
_cleanup_pid = None  # the process that registered `_shutdown_all` to run at its exit


def _shutdown_all() -> None:
    while _all:
        _all.pop().shutdown()


def warm_kernel(cwd: str | None = None) -> WarmKernel:
    """This thread's warm kernel in this process (created on first use, with its working folder `cwd`); it is
    shut down when the process ends."""
    global _cleanup_pid
    kernel = getattr(_local, "kernel", None)
    if kernel is None or kernel.pid != os.getpid():  # none yet, or the forking parent's
        if _cleanup_pid != os.getpid():
            _all.clear()  # the parent's kernels are the parent's to stop
            # pool workers leave through multiprocessing's exit (no atexit), Dask workers and others through atexit
            mp_util.Finalize(None, _shutdown_all, exitpriority=10)
            atexit.register(_shutdown_all)
            _cleanup_pid = os.getpid()
        kernel = _local.kernel = WarmKernel(cwd=cwd)
        _all.append(kernel)
    return kernel
