"""break12: REPRODUCTION (fails on main 8809e6e, marked xfail(strict=True); delete the marker when fixed).

A claim number a user types after /claim gets a different answer from the same number tapped as a
link: `/claim_1234567890123456789` answers «Утверждения №1234567890123456789 нет.» (5a45518), but
`/claim 1234567890123456789` — a number that even fits a 64-bit id — answers ««1234567890123456789»
— не номер утверждения. Номер выглядит так: 12.», telling the user their number is not a number.
Same on SQLite and PostgreSQL (checked with the console on both). `claims show 9999999999999999999`
likewise says "claim id must be a positive number"."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("number", ["1234567890123456789", "9223372036854775808", "9" * 40])
async def test_break12_a_typed_long_claim_number_is_no_such_claim_like_a_tapped_one(bot, number):
    await bot.text(f"/claim_{number}")
    tapped = bot.replies()[-1]
    assert tapped == f"Утверждения №{number} нет."
    await bot.command("claim", number)
    assert bot.replies()[-1] == tapped
