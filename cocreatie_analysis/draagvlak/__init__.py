"""Draagvlak: is there support for a statement, among whom, and can the council rely on it?

A majority of the usual suspects is not draagvlak. This module turns votes on statements into figures a
council can weigh: raw and population-weighted support with intervals, support per target group, opinion
groups in the spirit of Pol.is, group-informed consensus, divisiveness, and a verdict per statement whose
rules the council sets per participation level in ``gemeente.yaml``.

Votes
-----
One row per participant and statement: ``participant_id``, ``statement_id``, ``vote`` with 1 = agree (eens),
-1 = disagree (oneens), 0 = pass / neutral (neutraal, weet niet), and an optional ``timestamp``. ``io`` maps
the municipality's own answers to these codes; the mapping we recommend is

=====================================================================  =====
answer                                                                 vote
=====================================================================  =====
eens, helemaal eens, mee eens, ja, voor; 4-5 on a 1-5 scale, 5-7 on 1-7   1
neutraal, geen mening, weet niet, pas / pass; 3 on 1-5, 4 on 1-7         0
oneens, helemaal oneens, mee oneens, nee, tegen; 1-2 on 1-5, 1-3 on 1-7  -1
=====================================================================  =====

(``vocabulary.VOTE_VALUES``, the list io applies.) Strength ("helemaal") is deliberately dropped: Pol.is,
the consensus formula and the verdict rules all work with agree / disagree / pass, and a "helemaal eens" is
not more draagvlak than an "eens". A blank answer is no vote (the row is dropped), not a pass.

Treatment of awkward input (documented, never silent crashes):

* duplicate votes (same participant and statement): the latest counts, by ``timestamp`` when that column is
  present, else the last row in the table (a changed mind replaces the earlier vote, as in Pol.is);
* votes for a statement that is not in ``statements`` or for a participant not in ``participants``:
  ``ValueError`` naming (up to ten of) the ids;
* a statement nobody voted on: kept, with 0 votes, no support figure and verdict "onvoldoende basis";
* one participant only, or all votes identical: every placed participant ends up in opinion group 0 (there
  is nothing to split); consensus and support are still computed.

Support and its intervals
-------------------------
``support`` is the share of *all* votes on a statement that agree, passes included: a pass or a "neutraal" is
not support, and this is the same denominator Pol.is uses in its reports and in the consensus formula
("seen"). ``opposition`` and ``pass_share`` complete the picture. The interval is the 95% **Wilson** score
interval. ``support_weighted`` uses the reach weights (raking to the population): the weighted share of agree
votes among the voters that have a weight (voters without a weight are left out of the weighted figure); its
interval is the Wilson interval with the **Kish effective sample size** ``n_effective = (sum w)^2 / sum w^2``
of those voters in place of n (an approximation that widens the interval as weights become uneven). Without
weights the weighted columns are empty (NaN) and ``n_effective`` equals ``n_votes``.

Opinion groups (Pol.is' method)
-------------------------------
``OpinionGroups`` (module ``opinion_groups``, where the method and the measurements behind its choices are
written down) follows Pol.is' own math: participants with at least ``min_votes`` votes (default 7, Pol.is'
rule; votes on withdrawn statements count, as in Pol.is) are placed on the first two principal components of
the centred vote matrix, with a missing vote counting as the statement's mean; each projection is stretched
for the statements a participant did not see, damped by ``damping`` neutral pseudo-votes (default 10) so that
a participant with a handful of votes is not flung to the edge of the map; up to ``n_base_clusters`` (100)
base clusters are found by k-means, and the number of groups (2 .. ``max_groups``) is chosen by the silhouette
over those base clusters (the fewest within 0.02 of the best), deterministic for a ``random_state``. Groups are
numbered by size, 0 the largest, and shown as letters (A, B, ...), as Pol.is does. People below the vote bar
get no group (-1); ``indicative_groups_`` names their nearest group, which a report may show only as
indicative.

Withdrawn statements
--------------------
A statement with ``moderated == -1`` (module ``moderation``) was withdrawn by a moderator. It stays in the
data: ``OpinionGroups.fit(votes, statements)`` treats it as Pol.is does (a column of zeros, seen by everyone,
votes on it counting for the bar). ``assess`` passes every vote to the opinion groups and leaves the withdrawn
statements out of everything it reports: statements, support per group, profiles, consensus, divisiveness.

Consensus and divisiveness
--------------------------
``group_informed_consensus`` is exactly Pol.is' group-informed consensus: the product over the groups of
(A + 1) / (S + 2), A the group's agree votes and S every vote it cast on the statement (passes included); a
group without votes on the statement contributes 1/2. Unplaced participants (-1) do not count. ``consensus``
in ``assess`` is that figure over the opinion groups. ``consensus_demographic`` applies the same formula to
the demographic categories (all dimensions, categories with at least ``min_cell_size`` voters on the
statement) and takes its geometric mean over those groups (product ** (1 / number of groups)), so that it
reads as "the smoothed agree share of a typical group" and does not shrink merely because a municipality has
many categories. ``divisiveness`` is half the range, over the opinion groups, of the smoothed net agreement
(A - D) / (S + 2): 0 when all groups lean the same way, near 1 when one group agrees and another disagrees
unanimously; groups that mostly pass do not make a statement divisive.

Verdicts
--------
Per statement, with the rules of its participation level (see ``DEFAULT_RULES`` and ``check_rules``) and the
weighted support when weights are given (else the raw support), in this order:

1. **onvoldoende basis** — fewer than ``min_votes`` votes; or the level has ``require_reach`` and the reach was
   insufficient (some group under-represented) or could not be checked (no representation table);
2. **verdeeld** — the opinion groups clearly disagree: ``divisiveness >= max_divisiveness``;
3. **breed draagvlak** — the lower bound of the support interval is at least ``support``, the support itself
   at least ``broad_support``, and every opinion group and demographic category shown (at least
   ``min_cell_size`` voters) has support of at least ``min_group_support``;
4. **draagvlak** — the lower bound of the support interval is at least ``support``;
5. **geen draagvlak** — the upper bound of the support interval is below ``support``;
6. **verdeeld** — otherwise: the interval straddles the threshold, support is too close to call.

A group "differs" (and is named in the reasons) when its support is at least ``group_difference`` away from
the overall support and its own Wilson interval excludes the overall figure.

Indicative draagvlak without votes
----------------------------------
``indicative_draagvlak`` gives, per opgave (theme), the share of participants whose input on it is positive
minus the share negative (sentiment above / below +-0.05, one voice per participant: a participant's inputs
on a theme are averaged first). The interval is a Wald interval for the difference of two multinomial shares
with one pseudo-observation added to each of positive, neutral and negative (Agresti-Caffo style), clipped to
[-1, 1]. It is always labelled indicative: sentiment in free text is not a vote.
"""

from __future__ import annotations

from ..config import DEFAULT_RULES, check_rules
from ..stats import kish_effective_n, wilson_interval
from ..vocabulary import PARTICIPATION_LEVELS as LEVELS
from ..vocabulary import VERDICT_CODES
from ..vocabulary import VOTE_VALUES as RECOMMENDED_VOTE_VALUES
from .assess import OPINION_DIMENSION, assess
from .consensus import group_informed_consensus
from .indicative import indicative_draagvlak
from .moderation import moderation_status, withdrawn_ids
from .opinion_groups import OpinionGroups, group_letter, opinion_groups

__all__ = [
    "DEFAULT_RULES", "LEVELS", "OPINION_DIMENSION", "OpinionGroups", "RECOMMENDED_VOTE_VALUES", "VERDICT_CODES",
    "assess", "check_rules", "group_informed_consensus", "group_letter", "indicative_draagvlak", "kish_effective_n",
    "moderation_status", "opinion_groups", "wilson_interval", "withdrawn_ids",
]  # fmt: skip
