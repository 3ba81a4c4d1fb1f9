"""Chinese justification and synthetic bold for WeasyPrint: the one place reportgen reaches inside it.

WeasyPrint's ``text-align: justify`` stretches only spaces, so a Chinese line that holds a digit, or whose
next character may not begin a line (、，。》), stops short of the right edge.  The house style is flush on
both sides.  Like Word and WPS, reportgen spreads the missing width evenly between all characters of the
line, so the PDF and the DOCX break and fill lines the same way.

A character the 仿宋 face lacks is drawn by Pango from a fallback face with other ascent and descent, and
WeasyPrint sizes the text box from that mixed line: the line grows (10.9 mm instead of 10.2) and every line
after it leaves the grid.  Text boxes here take their height and baseline from the element's own face (its
strut), like Word's exact line spacing: a fallback glyph never moves a line.

WeasyPrint also has no synthetic bold, and the 仿宋 faces have no bold cut: bold text in a face without
one is drawn filled and stroked, as Word does.

Word, WPS and LibreOffice put a little space between a Chinese character and a Latin letter or digit beside
it (``style.AUTOSPACE_EM``; LibreOffice cannot be told not to).  ``mark_autospace`` wraps the character after
each such boundary in a span the house CSS gives that space, and the layout drops it at the start of a line, as
the word processors do: the PDF and the DOCX then break their lines at the same characters.

``install()`` is idempotent and only swaps these functions; everything else stays WeasyPrint's.
"""
from __future__ import annotations

import re

import weasyprint.draw
from weasyprint.css.properties import ZERO_PIXELS
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text import line_break
from weasyprint.text.ffi import ffi, harfbuzz, pango
from weasyprint.text.line_break import strut

from .. import style

BOLD = 600
AUTOSPACE_CLASS = "autospace"
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)|([^<]+)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
# Elements that begin a new run of text: no space is owed across them.
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "li", "br", "header", "footer",
               "section", "table", "tr", "figure"}


def autospace_css() -> str:
    return f"\n.{AUTOSPACE_CLASS} {{ margin-left: {style.AUTOSPACE_EM}em; }}\n"


def mark_autospace(html: str) -> str:
    """The intermediate with each character that follows a Chinese/Latin boundary wrapped in
    ``<span class="autospace">``; only the body is touched, entities count as punctuation."""
    body = html.find("<body")
    if body < 0:
        return html
    out = [html[:body]]
    previous = None
    for tag, text in _TAG_OR_TEXT.findall(html[body:]):
        if tag:
            out.append(tag)
            name = _TAG_NAME.match(tag)
            if name and name.group(1).lower() in _BLOCK_TAGS:
                previous = None
            continue
        pieces = []
        for ch in re.split(r"(&[^;\s]*;)", text):
            if ch.startswith("&") and ch.endswith(";"):
                pieces.append(ch)
                previous = None
                continue
            for c in ch:
                script = style.script(c)
                if script and previous and script != previous:
                    pieces.append(f'<span class="{AUTOSPACE_CLASS}">{c}</span>')
                else:
                    pieces.append(c)
                previous = script
        out.append("".join(pieces))
    return "".join(out)
STROKE_EM = 0.03  # stroke width of synthetic bold, in ems: what Word's fake bold looks like


def count_characters(box) -> int:
    """Justification opportunities: every character of the line (WeasyPrint counts only spaces)."""
    if isinstance(box, boxes.TextBox):
        return len(box.text)
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return sum(count_characters(child) for child in box.children)
    return 0


def justify_line(context, line, extra_width):
    """Spread ``extra_width`` over the gaps between the line's characters (n − 1 of them).

    WeasyPrint's ``add_word_spacing`` then widens each text box by the spacing times its characters,
    and Pango drops the spacing after a layout's last character, so the line ends on the right edge.
    """
    n = count_characters(line)
    if n > 1:
        inline.add_word_spacing(context, line, extra_width / (n - 1), 0)


_set_text = line_break.Layout.set_text


def set_text(self, text, justify=False):
    """Applies the justification spacing after every character instead of after spaces only."""
    _set_text(self, text, justify=False)
    if not (justify and self.justification_spacing and self.text):
        return
    tracking = self.style["letter_spacing"]
    tracking = 0 if tracking == "normal" else tracking
    attrs = pango.pango_layout_get_attributes(self.layout)
    if attrs == ffi.NULL:
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    attr = pango.pango_attr_letter_spacing_new(int((tracking + self.justification_spacing) * 1024))
    attr.start_index, attr.end_index = 0, len(self.text.encode())
    pango.pango_attr_list_change(attrs, attr)
    pango.pango_layout_set_attributes(self.layout, attrs)


_split_text_box = inline.split_text_box


def split_text_box(context, box, available_width, skip, is_line_start=True):
    """WeasyPrint's line splitting, with the box's height and baseline from its own face's strut."""
    new_box, resume_index, preserved_line_break = _split_text_box(context, box, available_width, skip,
                                                                  is_line_start)
    if new_box is not None:
        line_height, baseline = strut(new_box.style)
        new_box.height = line_height
        new_box.margin_top = new_box.margin_bottom = 0
        new_box.baseline = baseline
    return new_box, resume_index, preserved_line_break


_draw_text = weasyprint.draw.draw_text


def draw_text(stream, textbox, offset_x, text_overflow, block_ellipsis="none"):
    """Draws bold text of a face without a bold cut filled and stroked (PDF text rendering mode 2).

    No push/pop of the graphics state: WeasyPrint's stream caches the current colours, and a restored
    state would disagree with its cache."""
    if textbox.style["font_weight"] < BOLD or _face_is_bold(textbox):
        return _draw_text(stream, textbox, offset_x, text_overflow, block_ellipsis)
    stream.set_color(textbox.style["color"], stroke=True)
    stream.set_line_width(textbox.style["font_size"] * STROKE_EM)
    stream.set_text_rendering(2)
    _draw_text(stream, textbox, offset_x, text_overflow, block_ellipsis)
    stream.set_text_rendering(0)


def _face_is_bold(textbox) -> bool:
    """Is the face Pango chose for this text bold by design?

    Pango's description reports the weight asked for, not the face's; Fandol's bold cuts say 400 in
    their OS/2 table but set the bold bit of head.macStyle.  Either counts."""
    textbox.pango_layout.reactivate(textbox.style)
    try:
        line, _ = textbox.pango_layout.get_first_line()
        run = line.runs[0]
        if run == ffi.NULL:
            return True
        face = harfbuzz.hb_font_get_face(pango.pango_font_get_hb_font(run.data.item.analysis.font))
        return _uint16(face, b"OS/2", 4) >= BOLD or bool(_uint16(face, b"head", 44) & 1)
    finally:
        textbox.pango_layout.deactivate()


def _uint16(face, tag: bytes, offset: int) -> int:
    """A big-endian 16-bit field of an OpenType table (0 when the table is missing or short)."""
    blob = harfbuzz.hb_face_reference_table(face, harfbuzz.hb_tag_from_string(tag, len(tag)))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        if length[0] < offset + 2:
            return 0
        return int.from_bytes(ffi.buffer(data, offset + 2)[offset:offset + 2], "big")
    finally:
        harfbuzz.hb_blob_destroy(blob)


_split_inline_box = inline.split_inline_box
_split_inline_level = inline.split_inline_level


def split_inline_box(context, box, position_x, *args, **kwargs):
    """Notes where the line being laid out starts."""
    if isinstance(box, boxes.LineBox):
        context.reportgen_line_start = position_x
    return _split_inline_box(context, box, position_x, *args, **kwargs)


def split_inline_level(context, box, position_x, max_x, bottom_space, skip_stack, *args, **kwargs):
    """An autospace span that opens a line owes no space: the word processors drop it there too."""
    if (skip_stack is None and isinstance(box, boxes.InlineBox) and box.element is not None
            and box.element.get("class") == AUTOSPACE_CLASS
            and abs(position_x - getattr(context, "reportgen_line_start", -1)) < 0.01):
        box = box.copy()
        box.style = box.style.copy()
        box.style["margin_left"] = ZERO_PIXELS
    return _split_inline_level(context, box, position_x, max_x, bottom_space, skip_stack, *args, **kwargs)


def install() -> None:
    inline.split_inline_box = split_inline_box
    inline.split_inline_level = split_inline_level
    inline.count_expandable_spaces = count_characters
    inline.justify_line = justify_line
    inline.split_text_box = split_text_box
    line_break.Layout.set_text = set_text
    weasyprint.draw.draw_text = draw_text
