"""Reads each blank workbook of a folder with openpyxl and prints, as JSON,
what staff would see: each file's sheet, header row, hint row, column
widths, frozen panes, the number format of each column, and each data
validation (its type, list, range and whether the drop-down shows)."""
import json
import pathlib
import sys

import openpyxl

report = {}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.xlsx")):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    width = sheet.max_column
    # openpyxl keys a run of like columns (<col min max>) by its first letter.
    widths, formats = [None] * width, ["General"] * width
    for dim in sheet.column_dimensions.values():
        for i in range(dim.min, min(dim.max, width) + 1):
            widths[i - 1] = dim.width
            formats[i - 1] = dim.number_format
    report[path.name] = {
        "sheets": book.sheetnames,
        "headers": [sheet.cell(1, i).value for i in range(1, width + 1)],
        "header_bold": all(sheet.cell(1, i).font.b for i in range(1, width + 1)),
        "hints": [sheet.cell(2, i).value for i in range(1, width + 1)],
        "rows": sheet.max_row,
        "widths": widths,
        "formats": formats,
        "freeze": sheet.freeze_panes,
        "validations": [
            {
                "type": v.type,
                "list": v.formula1,
                "range": str(v.sqref),
                # openpyxl's showDropDown is Excel's inverted flag: true HIDES the arrow.
                "dropdown_shown": not v.showDropDown,
                "error_style": v.errorStyle or "stop",
            }
            for v in sheet.data_validations.dataValidation
        ],
    }
print(json.dumps(report))
