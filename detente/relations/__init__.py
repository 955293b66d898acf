"""Relations between actors: dyad index, bilateral channels, strategic triangle, framing.

They count *happenings* (the store's event clusters: one meeting reported by four
articles counts once), place each in time at the precision its date is known to,
and leave out what the articles tell as background unless asked.

Every function takes the store's DataFrames (``Store.events()``, ``stances()``,
``documents()``, ``sentences()``, ``mentions()``, ``quotes()``) and returns a
DataFrame or a plain record, so the web app and the report use them alike.
"""

from detente.relations.channels import STATES, ChannelLexicon, channel_states, match_channels
from detente.relations.dyads import background_events, dyad_index, dyad_summary
from detente.relations.framing import quoted_voices, sentence_tone, tone, tone_by_outlet
from detente.relations.happenings import happenings
from detente.relations.periods import event_times
from detente.relations.scores import event_score, score_events, score_table
from detente.relations.triangle import LABELS, classify, triangle, triangle_overall

__all__ = [
    "LABELS",
    "STATES",
    "background_events",
    "ChannelLexicon",
    "channel_states",
    "classify",
    "dyad_index",
    "dyad_summary",
    "event_score",
    "event_times",
    "happenings",
    "match_channels",
    "quoted_voices",
    "score_events",
    "score_table",
    "sentence_tone",
    "tone",
    "tone_by_outlet",
    "triangle",
    "triangle_overall",
]
