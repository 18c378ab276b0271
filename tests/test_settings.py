"""Settings: every one documented in .env.example; a desk's alias file reaches the matcher's text."""

from __future__ import annotations

import re
from pathlib import Path

from sqlmodel import select

from claims.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_env_example_documents_every_setting():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z_]+)=", text, re.M))
    assert documented == {name.upper() for name in Settings.model_fields}
    for line in text.splitlines():  # each variable has its comment right above it
        if re.match(r"^[A-Z_]+=", line):
            previous = text.splitlines()[text.splitlines().index(line) - 1]
            assert previous.startswith("#"), line


def test_env_example_values_are_the_defaults(monkeypatch):
    """Copying .env.example to .env must change nothing."""
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    values = dict(re.findall(r"^([A-Z_]+)=(.*)$", text, re.M))
    from_example = Settings(_env_file=None, **{k.lower(): v for k, v in values.items() if v})
    assert from_example == Settings(_env_file=None)


def test_aliases_file_extends_normalisation(tmp_path):
    from claims.normalize import configure_aliases, normalize

    before = normalize("Незалежная заявила о новых санкциях")
    extra = tmp_path / "desk-aliases.tsv"
    extra.write_text("украина\tнезалежная\n", encoding="utf-8")
    try:
        configure_aliases(extra)
        after = normalize("Незалежная заявила о новых санкциях")
        assert after != before
        assert after.split()[0] == normalize("Украина заявила о новых санкциях").split()[0]
    finally:
        configure_aliases(None)
    assert normalize("Незалежная заявила о новых санкциях") == before


def test_db_reindex_applies_a_new_alias_file_to_stored_claims(run_cli, tmp_path, db_url):
    """A desk adds an alias; `claims db reindex` makes stored claims match the new spelling."""
    import json

    path = tmp_path / "fc.jsonl"
    path.write_text(json.dumps({"id": "n1", "text": "Незалежная ввела новые санкции против банков"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    run_cli("import", str(path), check=True)
    query = ("match", "Украина ввела новые санкции против банков", "--json")
    proc = run_cli(*query, check=True)
    assert "reindex" not in proc.stderr        # a store written by this version is current
    before = json.loads(proc.stdout)["results"]
    extra = tmp_path / "desk-aliases.tsv"
    extra.write_text("украина\tнезалежная\n", encoding="utf-8")
    env = {"ALIASES_FILE": str(extra)}
    stale = run_cli(*query, env=env, check=True)
    assert "warning:" in stale.stderr and "claims db reindex" in stale.stderr
    stale_search = run_cli("search", "Украина", "--json", env=env, check=True)
    proc = run_cli("db", "reindex", env=env, check=True)
    assert "1 changed" in proc.stdout
    proc = run_cli(*query, env=env, check=True)
    assert "reindex" not in proc.stderr
    after = json.loads(proc.stdout)["results"]
    assert after and after[0]["claim"]["external_id"] == "n1" and after[0]["relation"] == "match"
    assert not before or before[0]["score"] <= after[0]["score"] + 5      # 5 of 6 words matched already
    # the new spelling alone now finds the stored claim (before the reindex it found nothing)
    assert json.loads(stale_search.stdout)["results"] == []
    found = json.loads(run_cli("search", "Украина", "--json", env=env, check=True).stdout)["results"]
    assert [r["claim"]["external_id"] for r in found] == ["n1"]
    assert "0 changed" in run_cli("db", "reindex", env=env, check=True).stdout


def test_claims_from_an_earlier_normaliser_are_reported_until_reindexed(session, monkeypatch):
    """A store written by an older release (no fingerprint, or another normaliser version) is
    reported as stale; `renormalize_claims` brings it up to date and clears the report."""
    from claims import normalize as norm
    from claims.models import AppMeta, Claim
    from claims.services.catalog import add_claim
    from claims.services.reindex import FINGERPRINT_KEY, normalization_is_stale, renormalize_claims

    assert not normalization_is_stale(session)          # empty store: current, fingerprint recorded
    add_claim(session, "В Донбассе погибли трое военных", lang="ru")
    assert not normalization_is_stale(session)
    # what the previous release stored: «трое» kept as a word, and no fingerprint row at all
    claim = session.exec(select(Claim)).one()
    claim.normalized = "донбасс погибнуть трое военный"
    session.add(claim)
    session.delete(session.get(AppMeta, FINGERPRINT_KEY))
    session.commit()
    assert normalization_is_stale(session)
    monkeypatch.setattr(norm, "NORMALIZER_VERSION", norm.NORMALIZER_VERSION + 1)
    assert normalization_is_stale(session)
    assert renormalize_claims(session) == 1
    assert session.exec(select(Claim)).one().normalized == "донбасс погибнуть 3 военный"
    assert not normalization_is_stale(session)


def test_public_urls_are_checked_and_normalised(monkeypatch, capsys):
    import pytest

    from claims.settings import load_settings

    ok = Settings(_env_file=None, public_base_url=" https://fc.example.org/desk/ ", publisher_url="")
    assert ok.public_base_url == "https://fc.example.org/desk" and ok.publisher_url is None
    for bad in ("javascript:alert(1)", "fc.example.org", "https://fc.example.org/?x=1", "https://a b.org",
                'https://fc.example.org/"><script>'):
        monkeypatch.setenv("PUBLIC_BASE_URL", bad)
        with pytest.raises(SystemExit) as stop:
            load_settings(_env_file=None)
        assert stop.value.code == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: PUBLIC_BASE_URL: expected an http(s) URL"), err


def test_publisher_name_loses_invisible_characters(monkeypatch, capsys):
    import pytest

    from claims.settings import load_settings

    assert Settings(_env_file=None, publisher_name=" Проверка\u202e\x01 фактов\n").publisher_name == "Проверка фактов"
    monkeypatch.setenv("PUBLISHER_NAME", "\u200b\u202e")
    with pytest.raises(SystemExit) as stop:
        load_settings(_env_file=None)
    assert stop.value.code == 2
    assert capsys.readouterr().err.strip().startswith("error: PUBLISHER_NAME")
