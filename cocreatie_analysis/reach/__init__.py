"""Reach: who was reached and who not — representation, unusual suspects, channel reach and raking weights.

The council asks two questions this package answers: *were the unusual suspects reached?* and *is there enough
to go on to judge draagvlak?* Everything compares the participants with a population table (dimension,
category, count), usually CBS figures written by :mod:`cocreatie_analysis.cbs`.

Methods (the report's methods section restates these in plain language)
-----------------------------------------------------------------------
**Matching categories.** Participant values are compared with the population's categories as text, ignoring
case, surrounding spaces and the kind of dash ("15 – 24" matches "15-24"); whole numbers stored as floats
("3.0") match "3". Joint population dimensions are named ``"age_group | district"`` with categories
``"15-24 | Centrum"``; a participant is in a joint cell when each component matches.

**Representation** (per dimension, per category *k*). ``n`` participants with a known value for the dimension
(*N* in total), sample share ``p = n / N``, population share ``pi = count / total``, ratio ``p / pi`` (1 = in
proportion, 0.5 = reached half as often as their share). ``ratio_low``/``ratio_high`` is the Wilson score
interval for ``p`` at the chosen confidence (95 %), divided by ``pi``: the population share is a census figure
and treated as known. The interval only expresses chance variation, as if participants were a random sample;
self-selection is exactly what the ratio measures. Wilson is used because it behaves at ``n = 0`` and for small
shares. ``p_value`` is the exact two-sided binomial test of ``n`` out of *N* against ``pi``.
``under_represented`` is true when ``ratio_high < ratio_threshold`` (default 0.67, from ``gemeente.yaml``
``reach.ratio_threshold``): the group is significantly *and* substantially under-represented. These groups are
the **unusual suspects**. ``over_represented`` mirrors this: ``ratio_low > 1 / ratio_threshold``.

**Participation rates and R-indicators.** The participation rate of a category is ``n / count`` and the overall
rate ``rho = N / total``. Following Schouten, Cobben & Bethlehem (2009) and Schouten, Shlomo & Skinner (2011),
with the population register as the frame and the category means as the propensity model:
``S = sqrt(sum_k pi_k (rho_k - rho)^2)``, the R-indicator ``R = 1 - 2 S``, the unconditional partial
R-indicator of the dimension ``P_u = S`` and of a category ``P_u(k) = sqrt(pi_k) (rho_k - rho)`` (negative =
under-represented), and the coefficient of variation ``CV = S / rho``. At the participation rates of real
processes (well below 1 %) *R* is always close to 1 and ``P_u`` close to 0, which says nothing; the informative,
scale-free versions are the CV (the bound on the maximal absolute standardised bias of Schouten et al.) and
``partial_r_relative = P_u(k) / rho = sqrt(pi_k) (ratio_k - 1)``. Both are reported. Because
``rho_k / rho = ratio_k``, the CV of the participation rates equals Cohen's *w* below: the survey-methodology
and the effect-size literature measure the same distance, and the report can use either name.

**Dimension tests.** Chi-square goodness of fit of the *N* known participants against the population shares
(df = categories - 1), Cohen's ``w = sqrt(chi2 / N)`` (0.1 small, 0.3 medium, 0.5 large) and the dissimilarity
index ``D = 1/2 sum |p_k - pi_k|`` (the share of participants that would have to come from another category to
match the population). When an expected count is below 5 the p-value comes from a seeded Monte Carlo
simulation of the multinomial (``n_simulations`` draws) instead of the chi-square approximation.

**Small groups** (``min_cell_size``, default 10, from ``privacy.min_cell_size``). In every table meant for a
report, a group with 1 to ``min_cell_size - 1`` participants is never shown on its own: its count, shares and
ratio are hidden (``suppressed`` true, ``n_label`` ``"<10"``). Its ``ratio_high`` is replaced by the Wilson
bound at ``n = min_cell_size - 1``, a conservative upper bound, so a small group that is certainly
under-represented is still named as an unusual suspect ("fewer than 10 participants; reached at least 3× less
often"). Because a single hidden count could be recovered from the total, when exactly one category of a
dimension is hidden the next smallest one is hidden too (secondary suppression, ``n_label`` ``"x"`` as in CBS
tables); in intersections this is applied along every row and column. Groups with 0 participants are shown
(nobody is exposed). Dimension statistics (chi-square, w, D, CV) are computed after pooling the hidden
categories into one, so they cannot be used to recover the hidden counts. When fewer than ``min_cell_size``
participants have a value for a dimension at all, all its counts and statistics are hidden.

**Intersections.** For every joint population dimension (e.g. ``age_group | district``, written by
``cocreatie import-cbs --wijken``) whose components the participants have, the same representation is computed
per joint cell, with the same suppression.

**Channel reach.** A participant belongs to every channel through which they gave at least one input. For each
channel with at least ``min_cell_size`` participants the composition per dimension is compared with the
population exactly as above. **Channel advice**: for each unusual suspect, the channel with the highest ratio
for that group (with at least ``min_cell_size`` participants of the group) is compared with the largest other
channel (or, if it is itself the largest, with the channel that reached the group worst) by a one-sided Fisher
exact test on the group's share; advice "channel" ("via straatgesprek … 4× beter … dan via online") is given
when that is significant and the ratio is at least ``min_factor`` (1.5) times higher. A compared channel whose
count for the group is hidden is taken at ``min_cell_size - 1``, the most it can be, so the factor is a lower
bound ("ten minste"). A participant active in both channels counts in both, which makes the test slightly
conservative. Otherwise, when the best channel still reaches the group with a ratio of at least
``ratio_threshold``, it is named ("best_channel"); when no channel does, the advice is to seek the group out
("outreach"), with suggestions per kind of group. Only participants with at least one input have a channel
(participants who only voted have none unless the caller adds them to ``inputs`` with a channel of their own).

**Weights (raking).** Iterative proportional fitting of the participants to the population shares of each
dimension in turn (Deming & Stephan 1940), repeated until no weight changes by more than ``tol`` in a full
cycle. Treatments: a participant without a (matching) value for a dimension keeps their weight in that
dimension's step, and the shares of that dimension are matched among participants who do have a value
(missing at random within the dimension; with missing values the solution depends slightly on the order of
the dimensions, which is the population table's order). Categories without any participant cannot be matched:
they are left out of that dimension and the other categories' shares are scaled up proportionally. Categories with
population count 0 are left out; participants in them count as unknown. Values that do not occur in the
population count as unknown. Each dimension is matched as shares of its own total, so margins whose totals
differ (for example age counted from 15 years, gender for all ages) are no problem, only reported. Trimming:
after every cycle, weights are clipped to ``[trim[0], trim[1]] ×`` the mean weight (default 0.2 and 5) and the
raking continues, so the final weights respect the bounds and match the margins as far as the bounds allow.
``converged`` means the weights stopped changing; when trimming keeps a weighted share more than 0.1 percentage
point from its target, the warning about trimming says how far (``max_margin_error``). Weights are scaled to mean 1.
Design effect (Kish) ``deff = n sum w^2 / (sum w)^2`` and effective sample size ``n / deff``.

**Ages.** :func:`harmonise_age` derives ``age_group`` from a numeric ``age`` column using the population's
age bands (``"15-24"`` = 15 up to and including 24, ``"65+"``). Ages are rounded down to whole years. Ages
outside every band (for example 12 when the bands start at 15) and invalid ages (not a number, below 0 or above
120) become unknown and are reported. Numbers found in an ``age_group`` column are binned the same way.

**Warnings.** Every treatment above that changes what is compared is reported both as a Python warning
(:class:`ReachWarning`, in English, full detail for the analyst) and as a row of the ``warnings`` table
(dimension, category, code, message; in the report language). When fewer than ``min_cell_size`` participants
hold a reported value (an unknown category, say), the table leaves the value out and says "fewer than 10".
"""

from __future__ import annotations

from ..config import REACH_OPTIONS
from ..errors import ReachWarning
from ..io.values import parse_age_band
from ..privacy import suppressed_cells
from ..stats import wilson_interval
from ..vocabulary import JOINT_SEP
from ..wording.labels import dimension_label, group_label
from .ages import harmonise_age
from .analysis import analyse_reach
from .raking import Raker, rake
from .representation import representation

__all__ = [
    "JOINT_SEP", "REACH_OPTIONS", "ReachWarning", "Raker", "analyse_reach", "dimension_label", "group_label",
    "harmonise_age", "parse_age_band", "rake", "representation", "suppressed_cells", "wilson_interval",
]  # fmt: skip
