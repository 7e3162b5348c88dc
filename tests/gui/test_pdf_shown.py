"""The turn that shows a new PDF writes nothing to the database: the history's note of it,
the recipient remembered and the draft deleted after printing are written on the pool, in
that order, and not at all for a customer who left meanwhile (docs/benchmarks.md, "Typing
latency")."""

from __future__ import annotations

from pathlib import Path

from shipdesk.core.services import declarations, records
from shipdesk.gui import workers
from tests.gui.test_next_customer import kept_until_printed


def _deferred(monkeypatch) -> list:
    tasks: list = []
    monkeypatch.setattr(workers, "run_async", lambda fn, ok=None, err=None: tasks.append((fn, ok)))
    return tasks


def _run(tasks: list) -> None:
    while tasks:
        fn, ok = tasks.pop(0)
        result = fn()
        if ok is not None:
            ok(result)


def _writes(monkeypatch) -> list[str]:
    done: list[str] = []
    for module, name in (
        (declarations, "log_event"),
        (records, "remember_address"),
        (records, "after_printed"),
    ):
        real = getattr(module, name)

        def written(*args, _real=real, _name=name, **kw):
            done.append(_name)
            return _real(*args, **kw)

        monkeypatch.setattr(module, name, written)
    return done


def test_the_turn_that_shows_the_pdf_writes_nothing(
    qtbot, window, monkeypatch, sample_path: Path
) -> None:
    ws = window.ws
    draft = kept_until_printed(window, sample_path)
    tasks = _deferred(monkeypatch)
    writes = _writes(monkeypatch)
    window.go_to_step(4)
    window.documents_page.create_pdf()
    for _task in range(2):  # the checks, then the render: the PDF is shown as it comes ...
        fn, ok = tasks.pop(0)
        ok(fn())
    assert window.documents_page.pdf is not None
    assert window.documents_page.preview.page_count() > 0
    assert writes == []  # ... and nothing is written in it
    _run(tasks)
    assert writes == ["log_event", "remember_address", "after_printed"]
    assert declarations.load_draft(ws, draft) is None  # deleted once printed, as before
    assert "draft is deleted" in window.statusBar().currentMessage()


def test_nothing_is_remembered_of_a_customer_who_left_meanwhile(
    qtbot, window, monkeypatch, sample_path: Path
) -> None:
    ws = window.ws
    window.session.load(declarations.load(sample_path))
    tasks = _deferred(monkeypatch)
    writes = _writes(monkeypatch)
    window.go_to_step(4)
    window.documents_page.create_pdf()
    for _task in range(2):  # the checks, then the render: the PDF is shown
        fn, ok = tasks.pop(0)
        ok(fn())
    fn, ok = tasks.pop(0)
    logged = fn()  # the pool writes the history's note (next customer waits for that) ...
    assert window.next_customer()
    ok(logged)  # ... and its end is delivered after the customer left
    _run(tasks)
    assert writes == ["log_event"]  # the recipient was not remembered
    assert records.find_addresses(ws, "recipient") == []


def test_create_pdf_checks_on_the_pool_and_refuses_from_those_checks(
    qtbot, window, monkeypatch, sample_path: Path
) -> None:
    window.session.load(declarations.load(sample_path))
    window.go_to_step(4)
    window.session.decl.gross_weight_kg = "0.001"  # less than the items weigh: an error
    window.session.touch()
    tasks = _deferred(monkeypatch)
    validated: list[str] = []
    validate = declarations.validate
    monkeypatch.setattr(
        declarations,
        "validate",
        lambda ws, decl, **kw: validated.append(kw.get("form", "")) or validate(ws, decl, **kw),
    )
    page = window.documents_page
    page.create_pdf()
    assert validated == []  # nothing checked in the turn of Create PDF ...
    assert "Creating the PDF" in page.status.text() and not page.create_btn.isEnabled()
    _run(tasks)  # ... the pool checks the declaration and as the chosen form
    assert len(validated) == 2
    assert page.pdf is None and page.status.text().startswith("✖ ")
    assert page.create_btn.isEnabled()
    assert window.session.checks_current()  # the checks it made are the ones shown
    assert any(p.field == "gross_weight_kg" for p in window.session.validation.errors)
