"""The bargaining models, each registered by name in :data:`detente.bargain.base.MODELS`.

Closed forms, one weighted statistic or solution per issue, beside each other here:
:mod:`~detente.bargain.models.weighted_median`, :mod:`~detente.bargain.models.compromise`
and :mod:`~detente.bargain.models.nash` (their shared weights in
:mod:`~detente.bargain.models.closed_form`). Round-based models, one package each:
:mod:`~detente.bargain.models.eum` (Bueno de Mesquita's expected utility),
:mod:`~detente.bargain.models.exchange` (Stokman's exchange of positions) and
:mod:`~detente.bargain.models.smp` (KTAB's Spatial Model of Politics); their rounds are
recorded through :mod:`~detente.bargain.models.dynamics`.
"""
