"""Text made safe per sink, and one id for one name wherever the contact came from."""

from __future__ import annotations

from datetime import date

from netplan.domain.ids import IdMaker, next_interaction_id, unique_id
from netplan.importers import Incoming, Parsed
from netplan.importers.merge import merge
from netplan.models import ContactBook, Journal
from netplan.text import for_file, for_screen, for_terminal, multiline, single_line, slugify

TODAY = date(2026, 11, 25)
HOSTILE = "Jane\x1b]52;c;aGk=\x07 Doe\r\nnext\tline\x9b"


def test_the_screen_never_gets_control_characters() -> None:
    assert for_screen(HOSTILE) == "Jane]52;c;aGk= Doe next line"
    assert for_screen(HOSTILE, multiline=True) == "Jane]52;c;aGk= Doe\nnext\tline"
    assert for_screen(None) == ""


def test_the_terminal_sees_escapes_as_text() -> None:
    shown = for_terminal(HOSTILE)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert shown.startswith("Jane\\x1b]52;c;aGk=\\x07 Doe\\x0d\\x0a")
    assert for_terminal("a\nb", line_breaks=" / ") == "a / b"
    assert for_terminal("Zoë Müller") == "Zoë Müller"  # printable text is left alone


def test_files_keep_line_breaks_and_lose_the_rest() -> None:
    assert for_file(HOSTILE) == "Jane]52;c;aGk= Doe\nnextline"


def test_fields_read_from_imports_and_forms() -> None:
    assert single_line("  a\tb\n c  ") == "a b c"
    assert multiline(" one\r\ntwo\x1b\tthree\x00\n") == "one\ntwo three"
    assert single_line(None) == "" and multiline(3) == ""


def test_one_slug_for_a_name() -> None:
    assert slugify("Søren Æbelø") == "soren-aebelo"
    assert slugify("Zoë O'Brien-Smith") == "zoe-o-brien-smith"
    assert slugify("Łukasz Nowak") == "lukasz-nowak"
    assert slugify("山田太郎") == ""
    assert len(slugify("x" * 200)) == 60


def test_the_form_the_import_and_the_demo_give_one_name_one_id() -> None:
    name = "Søren Æbelø"
    from_form = unique_id(name, set(), "contact")  # tui/contacts/form.py
    parsed = Parsed("cards.vcf", "vCard", records=[Incoming(where="card 1", name=name)])
    book, _report = merge(ContactBook(), parsed, TODAY)
    from_import = book.contacts[0].id
    from_demo = slugify(name)  # demo/generator.py
    assert from_form == from_import == from_demo == "soren-aebelo"


def test_ids_count_up_on_clashes_and_fall_back_without_latin_letters() -> None:
    maker = IdMaker({"jane-doe"}, fallback="contact")
    assert [maker.new("Jane Doe"), maker.new("Jane Doe"), maker.new("山田"), maker.new("李")] == [
        "jane-doe-2",
        "jane-doe-3",
        "contact-1",
        "contact-2",
    ]
    assert unique_id("Engage", {"engage"}, "routine") == "engage-2"
    assert next_interaction_id(Journal(), TODAY) == "i-20261125-1"
