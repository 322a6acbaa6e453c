"""What every page must pass in the browser: phone width, labelled fields, visible focus."""

UNLABELLED_FIELDS_JS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .filter(el => {
    // el.labels: a <label for> or a <label> around the field.
    const labelled = Array.from(el.labels || []).some(label => label.textContent.trim());
    const aria = (el.getAttribute('aria-label') || '').trim();
    const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
      .some(id => id && document.getElementById(id)
        && document.getElementById(id).textContent.trim());
    return !labelled && !aria && !labelledBy;
  })
  .map(el => el.name || el.id || el.outerHTML.slice(0, 80))
"""

FOCUS_OUTLINE_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, name: el.name || el.id || el.textContent.trim().slice(0, 40),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== 'none',
  };
}
"""


def unlabelled_fields(page) -> list[str]:
    """Names of fields with no label (for= or around it) and no aria-label(ledby)."""
    return page.evaluate(UNLABELLED_FIELDS_JS)


def page_scroll_width(page) -> int:
    """The width of the page's own content; wider than the viewport means sideways scrolling."""
    return page.evaluate("document.documentElement.scrollWidth")


def focused(page) -> dict | None:
    """The focused element and whether its focus is drawn (outline or box-shadow)."""
    return page.evaluate(FOCUS_OUTLINE_JS)


def assert_focus_visible(page) -> None:
    state = focused(page)
    assert state is not None, "nothing has the keyboard focus"
    assert state["outline"] or state["shadow"], f"focus is not visible on {state}"
