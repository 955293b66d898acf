"""Direct quotations and who said them, one concept per module.

:mod:`~detente.extract.quotes.spans` finds the quotation marks' spans (shared with
coreference), :mod:`~detente.extract.quotes.speakers` reads a speaker off a reporting
clause, and :mod:`~detente.extract.quotes.attribution` pairs each quotation with its
reporting verb and speaker. The spaCy component (``detente_quotes``) is
:mod:`detente.extract.components.quotes`.
"""
