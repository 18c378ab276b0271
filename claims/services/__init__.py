"""Use cases. Each is one function that the CLI, the bot and the tests all call.

Every function takes an open SQLModel session, validates its input (raising a
`claims.errors.ClaimsError` with a clear message and changing nothing), does its
work and commits. Writes to claims append a `ClaimChange` row, so every process
can bring its match index up to date with `match_index.follow_changes(session, matcher)`.
"""
