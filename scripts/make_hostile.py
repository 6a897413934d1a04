#!/usr/bin/env python3
"""Writes the hostile and damaged workbooks of fixtures/hostile/ (issue #10, items 6-7).

Each file is small on disk and breaks a reader in one known way. Standard library only:
the xlsx files are written part by part with zipfile, the xls and xlsb ones are made by
changing bytes of fixtures/formats/table.xls and table.xlsb.

  sst_index.xlsx        a cell points at shared string 999999 of 2
  far_cell.xlsx         a list in A1:B3 and one stray cell at XFD1048576
  no_cached_value.xlsx  a formula cell saved without its value (reads as empty, warned)
  zip_bomb.xlsx         sharedStrings.xml unpacks to 1 GiB from about 1 MB
  difat.xls             one byte changed: the DIFAT chain starts at sector 0xFFFFFF00
  bad_fat.xls           the directory's FAT chain points at itself (a loop)
  truncated.xls         the first 3000 of 5632 bytes
  mutated_sst.xlsb      a shared-string cell points at string 999999
  mutated_len.xlsb      a record length in sheet1.bin runs past the part's end
  mutated_cut.xlsb      sheet1.bin cut in the middle of a record

Found by the fuzzers (scripts/fuzz.sh) and kept as they were found, not made here:
  fuzz_dimensions.xls   a DIMENSIONS record asking for billions of cells
  fuzz_far_column.xlsb  a cell at column 134744066, past Excel's last column

Usage: make_hostile.py [OUT_DIR]   (default: fixtures/hostile)
"""
import os
import struct
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMATS = os.path.join(ROOT, "fixtures", "formats")

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def sheet_xml(cells):
    """cells: list of (ref, xml inside <c>, attributes)."""
    rows = {}
    for ref, attrs, body in cells:
        row = int("".join(ch for ch in ref if ch.isdigit()))
        rows.setdefault(row, []).append(f'<c r="{ref}"{attrs}>{body}</c>')
    body = "".join(f'<row r="{r}">{"".join(cs)}</row>' for r, cs in sorted(rows.items()))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def sst_xml(strings):
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )


def inline(text):
    return (' t="inlineStr"', f"<is><t>{text}</t></is>")


def write_xlsx(path, sheet, sst):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if isinstance(sst, str):
            z.writestr("xl/sharedStrings.xml", sst)


def header_cells():
    return [("A1",) + inline("姓名"), ("B1",) + inline("手机")]


def sst_index(out):
    cells = [("A1", ' t="s"', "<v>0</v>"), ("B1", ' t="s"', "<v>1</v>"),
             ("A2", ' t="s"', "<v>999999</v>"), ("B2", "", "<v>13800138000</v>")]
    write_xlsx(out, sheet_xml(cells), sst_xml(["姓名", "手机"]))


def far_cell(out):
    cells = header_cells() + [("A2",) + inline("张三"), ("B2", "", "<v>13800138000</v>"),
                              ("A3",) + inline("李四"), ("B3", "", "<v>13900139000</v>"),
                              ("XFD1048576",) + inline("x")]
    write_xlsx(out, sheet_xml(cells), sst_xml([]))


def no_cached_value(out):
    cells = header_cells() + [("C1",) + inline("金额"),
                              ("A2",) + inline("张三"), ("B2", "", "<v>13800138000</v>"),
                              ("C2", "", "<f>1+1</f>"),
                              ("A3",) + inline("李四"), ("B3", "", "<v>13900139000</v>"),
                              ("C3", "", "<f>2+2</f><v>4</v>")]
    write_xlsx(out, sheet_xml(cells), sst_xml([]))


def zip_bomb(out):
    """One shared string of 1 GiB of 'A', deflated in a stream (about 1 MB on disk)."""
    cells = header_cells() + [("A2", ' t="s"', "<v>0</v>"), ("B2", "", "<v>13800138000</v>")]
    write_xlsx(out, sheet_xml(cells), None)
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
            'schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
            "<si><t>").encode()
    tail = b"</t></si></sst>"
    chunk = b"A" * (1 << 20)
    zinfo = zipfile.ZipInfo("xl/sharedStrings.xml", date_time=(2024, 1, 1, 0, 0, 0))
    zinfo.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open(zinfo, "w", force_zip64=True) as f:
            f.write(head)
            for _ in range(1024):
                f.write(chunk)
            f.write(tail)


def table_xls():
    with open(os.path.join(FORMATS, "table.xls"), "rb") as f:
        return bytearray(f.read())


def difat(out):
    b = table_xls()
    b[68] = 0x00  # DIFAT start 0xFFFFFFFE (none) becomes 0xFFFFFF00
    open(out, "wb").write(b)


def bad_fat(out):
    b = table_xls()
    size = 1 << struct.unpack_from("<H", b, 30)[0]
    fat_sector = struct.unpack_from("<I", b, 76)[0]
    dir_start = struct.unpack_from("<I", b, 48)[0]
    struct.pack_into("<I", b, (fat_sector + 1) * size + 4 * dir_start, dir_start)
    open(out, "wb").write(b)


def truncated(out):
    open(out, "wb").write(table_xls()[:3000])


def rewrite_xlsb(out, part, change):
    with zipfile.ZipFile(os.path.join(FORMATS, "table.xlsb")) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                data = change(bytearray(data))
            dst.writestr(item.filename, bytes(data))


def read_record(data, at):
    """(record id, body start, body length) of the BIFF12 record at `at`."""
    rid = data[at]
    at += 1
    if rid & 0x80:
        rid |= data[at] << 8
        rid &= 0x7F7F
        at += 1
    length, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        length |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return rid, at, length


def records(data):
    at = 0
    while at < len(data):
        rid, body, length = read_record(data, at)
        yield at, rid, body, length
        at = body + length


def sst_cell(data):
    """Points the first BrtCellIsst (id 7) at string 999999."""
    for _, rid, body, _ in records(data):
        if rid == 7:
            struct.pack_into("<I", data, body + 8, 999999)
            return data
    raise SystemExit("no shared-string cell in sheet1.bin")


def long_length(data):
    """Makes the first cell record's length run far past the end of the part."""
    for at, rid, body, _ in records(data):
        if rid in (2, 5, 7):
            return data[: body - 1] + bytes([0xFF, 0xFF, 0xFF, 0x7F]) + data[body:]
    raise SystemExit("no cell record in sheet1.bin")


def cut(data):
    return data[: len(data) // 2 + 3]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures", "hostile")
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)  # noqa: E731
    sst_index(p("sst_index.xlsx"))
    far_cell(p("far_cell.xlsx"))
    no_cached_value(p("no_cached_value.xlsx"))
    zip_bomb(p("zip_bomb.xlsx"))
    difat(p("difat.xls"))
    bad_fat(p("bad_fat.xls"))
    truncated(p("truncated.xls"))
    rewrite_xlsb(p("mutated_sst.xlsb"), "xl/worksheets/sheet1.bin", sst_cell)
    rewrite_xlsb(p("mutated_len.xlsb"), "xl/worksheets/sheet1.bin", long_length)
    rewrite_xlsb(p("mutated_cut.xlsb"), "xl/worksheets/sheet1.bin", cut)


if __name__ == "__main__":
    main()
