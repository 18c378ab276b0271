"""`claims import` of fact-check files: one validation on both databases, every problem as
`line N: field: what is wrong`, --dry-run, and spreadsheets as a Russian desk saves them."""

from __future__ import annotations

import json

GOOD = {"id": "fc-1", "text": "Путин посетил Северную Корею в прошлом году", "verdict": "true",
        "url": "https://factcheck.example/1", "date": "2024-06-19"}


def _jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _listed(run_cli) -> list:
    proc = run_cli("list", "--json", "--limit", "100")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_problem_is_reported_with_its_line_and_field_and_nothing_is_written(run_cli, tmp_path):
    rows = [
        GOOD,
        {"type": "article", "text": "Статья", "content_hash": "h1", "published": "not a date"},
        {"text": "Утверждение два", "url": "https://x.example/" + "a" * 2100},
        {"text": "Утверждение три", "sources": [
            {"url": "https://a.example/1", "stance": "supports"},
            {"url": "https://a.example/1", "stance": "refutes"},
            {"url": "https://a.example/2", "stance": "context", "note": "н" * 1001}]},
        {"text": "Утверждение четыре", "followers": [{"user_id": 10**30}],
         "history": [{"new_verdict": "<script>bogus</script>", "by": "x" * 300}]},
        {"text": "Утверждение пять", "speaker": "С" * 600, "position": 2**40},
    ]
    path = _jsonl(tmp_path / "bad.jsonl", rows)
    for args in (("import", path), ("import", path, "--dry-run")):
        proc = run_cli(*args)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        err = proc.stderr
        assert "nothing was imported" in err
        for expected in ("line 2: published: unrecognised date", "line 3: url: is longer than 2048 characters",
                         "line 4: sources[1].url: the same as sources[0]",
                         "line 4: sources[2].note: is longer than 1000 characters",
                         "line 5: followers[0].user_id: must be between",
                         "line 5: history[0].new_verdict: must be one of",
                         "line 5: history[0].by: is longer than 256 characters",
                         "line 6: speaker: is longer than 512 characters",
                         "line 6: position: must be between"):
            assert expected in err, (expected, err)
        assert "line 1:" not in err  # the good line is not blamed
    assert _listed(run_cli) == []


def test_nul_and_bidi_in_an_import_are_stored_clean_on_both_databases(run_cli, tmp_path):
    row = {**GOOD, "text": "Путин\x00 посетил \u202eСеверную Корею\u2069 в прошлом году",
           "speaker": "Кре\x00мль", "sources": [{"url": "https://a.example/1", "stance": "supports",
                                                  "note": "замет\x00ка\u2066"}]}
    proc = run_cli("import", _jsonl(tmp_path / "nul.jsonl", [row]), "--json")
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(run_cli("show", "1", "--json").stdout)
    assert shown["text"] == "Путин посетил Северную Корею в прошлом году" and shown["speaker"] == "Кремль"


def test_dry_run_of_a_good_file_reports_and_writes_nothing(run_cli, tmp_path):
    path = _jsonl(tmp_path / "good.jsonl", [GOOD, {"text": "Ещё одно утверждение"}])
    proc = run_cli("import", path, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert "Dry run" in proc.stdout and "2 claims" in proc.stdout
    assert _listed(run_cli) == []
    assert json.loads(run_cli("import", path, "--json").stdout)["added"] == 2


def _excel_csv(tmp_path):
    header = "№;Текст утверждения;Вердикт;Ссылка;Дата;Автор\r\n"
    body = ('1;"Пенсии повысят на 10%; с января";Ложь;https://fc.example/1;12.07.2025;Минтруд\r\n'
            '2;Лавров посетил Китай;правда;https://fc.example/2;2025-07-13;"МИД, пресс-служба"\r\n')
    path = tmp_path / "таблица.csv"
    path.write_bytes((header + body).encode("cp1251"))
    return path


def test_excel_csv_with_semicolons_in_cp1251_and_russian_headers(run_cli, tmp_path):
    proc = run_cli("import", str(_excel_csv(tmp_path)), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] == 2
    rows = {r["external_id"]: r for r in _listed(run_cli)}
    assert rows["1"]["text"] == "Пенсии повысят на 10%; с января" and rows["1"]["verdict"] == "false"
    assert rows["2"]["speaker"] == "МИД, пресс-служба" and rows["2"]["verdict"] == "true"
    shown = json.loads(run_cli("show", str(rows["1"]["id"]), "--json").stdout)
    assert shown["claim_date"] == "2025-07-12" and shown["review_url"] == "https://fc.example/1"


def test_tab_separated_utf16_and_comma_utf8_csv(run_cli, tmp_path):
    tsv = tmp_path / "unicode.txt"
    tsv.write_bytes("text\tverdict\r\nЦены на бензин выросли\tmixed\r\n".encode("utf-16"))
    assert json.loads(run_cli("import", str(tsv), "--format", "csv", "--json").stdout)["added"] == 1
    plain = tmp_path / "plain.csv"
    plain.write_text('Claim,Rating\n"Vaccines contain microchips, they say",False\n', encoding="utf-8")
    assert json.loads(run_cli("import", str(plain), "--json").stdout)["added"] == 1
    assert {r["verdict"] for r in _listed(run_cli)} == {"mixed", "false"}


def test_unreadable_csv_says_what_it_saw(run_cli, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_bytes("Колонка А;Колонка Б\r\nодин;два\r\n".encode("cp1251"))
    proc = run_cli("import", str(path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    err = proc.stderr
    assert "cp1251" in err and "semicolon" in err and "Колонка А" in err and "текст" in err


def test_xlsx_made_with_openpyxl(run_cli, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Текст", "Вердикт", "Ссылка", "Дата", "Автор", "Заметки для себя"])
    sheet.append([101, "Мост через Лену откроют в 2026 году", "в основном правда", "https://fc.example/101",
                  datetime(2025, 7, 1), "Правительство", "не импортировать"])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append([102, "Бензин подешевел на 20%", "false", None, "2025-07-02", None, None])
    path = tmp_path / "desk.xlsx"
    book.save(path)
    proc = run_cli("import", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["added"] == 2
    rows = {r["external_id"]: r for r in _listed(run_cli)}
    assert rows["101"]["verdict"] == "mostly_true" and rows["101"]["speaker"] == "Правительство"
    assert json.loads(run_cli("show", str(rows["101"]["id"]), "--json").stdout)["claim_date"] == "2025-07-01"


def test_bad_xlsx_values_and_a_file_that_is_not_a_workbook(session, tmp_path):
    import pytest
    from openpyxl import Workbook

    from claims.errors import InvalidInput
    from claims.importexport import import_file

    bad = Workbook()
    bad.active.append(["Текст", "Вердикт", "Дата"])
    bad.active.append(["Утверждение", "может быть", "вчера"])
    bad_path = tmp_path / "bad.xlsx"
    bad.save(bad_path)
    with pytest.raises(InvalidInput) as err:
        import_file(session, bad_path)
    assert "line 2: verdict: unknown verdict" in str(err.value) and "line 2: date: unrecognised date" in str(err.value)
    not_xlsx = tmp_path / "fake.xlsx"
    not_xlsx.write_text("text\nhello\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not an Excel .xlsx workbook"):
        import_file(session, not_xlsx)
    from sqlmodel import select

    from claims.models import Claim

    assert session.exec(select(Claim)).all() == []


def test_sheets_as_a_desk_really_has_them(session, tmp_path):
    """One-column CSVs, TRUE/FALSE cells, renamed workbooks, an old .xls, a quote never closed:
    each is read whole or refused with what to do, never a traceback or a silently cut text."""
    import pytest
    from openpyxl import Workbook
    from sqlmodel import select

    from claims.errors import InvalidInput
    from claims.importexport import import_file
    from claims.models import Claim

    one = tmp_path / "одна колонка.csv"  # Excel writes no separator at all for a one-column sheet
    one.write_bytes("Текст\r\nЗемля, как известно, плоская\r\nВода; мокрая\r\n".encode("cp1251"))
    assert import_file(session, one).added == 2
    book = Workbook()
    book.active.append(["Text", "Verdict"])
    book.active.append(["Vaccines contain microchips", False])  # Excel turns a typed FALSE into a boolean
    book.active.append(["The bridge opened in 2024", True])
    renamed = tmp_path / "desk.csv"  # an .xlsx saved under a .csv name
    book.save(renamed)
    assert import_file(session, renamed).added == 2
    stored = {c.text: c.verdict for c in session.exec(select(Claim))}
    assert stored == {"Земля, как известно, плоская": "unverified", "Вода; мокрая": "unverified",
                      "Vaccines contain microchips": "false", "The bridge opened in 2024": "true"}

    text_as_xlsx = tmp_path / "table.xlsx"
    text_as_xlsx.write_bytes("текст;вердикт\r\nЗемля плоская;ложь\r\n".encode("cp1251"))
    with pytest.raises(InvalidInput, match="rename it to .csv or pass --format csv"):
        import_file(session, text_as_xlsx)
    old_excel = tmp_path / "table.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InvalidInput, match="old Excel .xls"):
        import_file(session, old_excel)
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_text('текст;вердикт\nСолнце холодное;ложь\n"Луна из сыра;ложь\nМарс красный;правда\n',
                        encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 3: a quoted cell is never closed"):
        import_file(session, unclosed)
    number = tmp_path / "number.jsonl"
    number.write_text('{"text": 12345}\n{"text": true}\n', encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        import_file(session, number)
    assert "line 1: text: must be text" in str(err.value) and "line 2: text: must be text" in str(err.value)
    assert session.exec(select(Claim).where(Claim.text.contains("Луна"))).all() == []


def test_a_title_row_above_the_header_and_a_quote_left_open_in_a_later_column(session, tmp_path):
    import pytest
    from openpyxl import Workbook

    from claims.errors import InvalidInput
    from claims.importexport import import_file

    titled = tmp_path / "проверки.csv"
    titled.write_bytes("Проверки отдела за июль;;\r\n;;\r\nТекст;Вердикт;Автор\r\nЗемля плоская;ложь;Иван\r\n"
                       .encode("cp1251"))
    assert import_file(session, titled).added == 1
    book = Workbook()
    book.active.append(["Проверки отдела за июль"])
    book.active.append(["Текст", "Вердикт"])
    book.active.append(["Вода мокрая", "правда"])
    sheet = tmp_path / "проверки.xlsx"
    book.save(sheet)
    assert import_file(session, sheet).added == 1
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_text('текст;вердикт\nСолнце холодное;"ложь\nЛуна из сыра;ложь\nМарс красный;правда\n',
                        encoding="utf-8")
    with pytest.raises(InvalidInput, match="line 2: a quoted cell is never closed"):
        import_file(session, unclosed)


def test_a_short_koi8_sheet_is_read_in_the_encoding_its_header_makes_sense_in(session, tmp_path):
    from claims.importexport import import_file
    from claims.models import Claim
    from sqlmodel import select

    path = tmp_path / "koi8.csv"
    path.write_bytes("ТЕКСТ;ВЕРДИКТ;ДАТА\r\nКНДР ПРОВЕЛА ПУСК;ЛОЖЬ;01.01.2025\r\n".encode("koi8_r"))
    assert import_file(session, path).added == 1
    assert [(c.text, c.verdict) for c in session.exec(select(Claim))] == [("КНДР ПРОВЕЛА ПУСК", "false")]


def test_a_verdict_merged_over_several_rows_belongs_to_each(session, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook
    from sqlmodel import select

    from claims.importexport import import_file
    from claims.models import Claim

    book = Workbook()
    sheet = book.active
    sheet.append(["Текст", "Вердикт", "Дата"])
    sheet.append(["Земля плоская", "ложь", datetime(2025, 7, 1)])
    sheet.append(["Солнце холодное", None, None])
    sheet.append(["Вода мокрая", "правда", datetime(2025, 7, 2)])
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("C2:C3")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    assert import_file(session, path).added == 3
    stored = {c.text: (c.verdict, str(c.claim_date)) for c in session.exec(select(Claim))}
    assert stored == {"Земля плоская": ("false", "2025-07-01"), "Солнце холодное": ("false", "2025-07-01"),
                      "Вода мокрая": ("true", "2025-07-02")}


def test_a_russian_desks_own_verdict_words_are_understood(run_cli, tmp_path):
    """The verdicts Russian fact-checkers write («Неправда», «Фейк», «Частично правда», «Скорее
    неправда», «Манипуляция», «Нельзя проверить») import as the matching verdict, from a cp1251
    `;` CSV; a word it does not know is refused with the Russian labels listed."""
    words = {"Неправда": "false", "ФЕЙК": "false", "Частично правда": "mixed", "Скорее неправда": "mostly_false",
             "Скорее правда": "mostly_true", "Манипуляция": "misleading", "Нельзя проверить": "unproven"}
    lines = ["Текст;Вердикт"] + [f"Утверждение номер {n} о ценах на хлеб;{w}" for n, w in enumerate(words, 1)]
    path = tmp_path / "desk.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1251") + b"\r\n")
    proc = run_cli("import", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    got = {r["text"]: r["verdict"] for r in _listed(run_cli)}
    assert got == {f"Утверждение номер {n} о ценах на хлеб": v for n, v in enumerate(words.values(), 1)}
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Текст;Вердикт\r\nЕщё одно утверждение о хлебе;враньё\r\n".encode("cp1251"))
    proc = run_cli("import", str(bad))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "line 2: verdict: unknown verdict" in proc.stderr and "false (ложь)" in proc.stderr
