"""Writes benchmark inputs: large ledgers (1,500 and 10,000 measures), paragraphs of 50,000 to 600,000
characters, a batch of short documents, a 整改 cycle of five documents over a 300-measure ledger (in ledger
files and inline), and a 台账 workbook as an office keeps it (1,000 measure rows)."""
from __future__ import annotations

import sys
from pathlib import Path

STATUSES = ("已完成", "阶段性成果", "长期坚持", "推进中")
PARAGRAPHS = (50_000, 100_000, 200_000, 600_000)
PROBLEM = "落实主体责任不够到位，对下属单位监督管理偏软，部分制度执行不严格，问题整改存在“上热中温下冷”现象"
MEASURE = "制定责任清单，明确党组书记、班子成员和处室负责人责任，每半年听取一次分管单位工作情况汇报，开展专项检查"


def ledger(problems: int = 500, per_problem: int = 3, per_category: int = 10) -> str:
    lines = ["文种: 台账", "标题: 巡察整改台账（生成的基准测试数据）", "成文日期: 2025-09-05",
             "正文:", "  - 插入: 整改台账", "整改台账:", "  类别:"]
    n = 0
    for c in range(problems // per_category):
        lines += [f"    - 名称: 第{c + 1}类问题方面", "      问题:"]
        for p in range(per_category):
            lines += [f"        - 文本: （编号{c + 1}-{p + 1}）{PROBLEM}。", "          整改措施:"]
            for m in range(per_problem):
                n += 1
                lines += [f"            - 文本: 措施{n}：{MEASURE}。",
                          f"              责任领导: 领导{n % 7 + 1}", f"              责任单位: 处室{n % 11 + 1}",
                          f"              完成时限: 2025-{n % 12 + 1:02d}-28", f"              进展: {STATUSES[n % 4]}"]
    return "\n".join(lines) + "\n"


def workbook(path: Path, rows: int = 1000, per_problem: int = 4, per_category: int = 100) -> None:
    """Category rows across the table, problems merged over their measures' rows, deadlines as Excel dates
    and as text, a 备注 column."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["巡察整改台账（生成的基准测试数据）"])
    sheet.append(["序号", "存在问题", "整改措施", "责任领导", "责任单位", "完成时限", "完成情况", "备注"])
    for n in range(rows):
        if n % per_category == 0:
            sheet.append([f"第{n // per_category + 1}类问题方面"])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=8)
        deadline = datetime.datetime(2025, n % 12 + 1, 28) if n % 2 else f"2025年{n % 12 + 1}月底前"
        sheet.append([n + 1, f"（编号{n // per_problem + 1}）{PROBLEM}。" if n % per_problem == 0 else None,
                      f"措施{n + 1}：{MEASURE}。", f"领导{n % 7 + 1}", f"处室{n % 11 + 1}", deadline,
                      STATUSES[n % 4], "见佐证材料" if n % 10 == 0 else None])
        if n % per_problem == per_problem - 1:
            sheet.merge_cells(start_row=sheet.max_row - per_problem + 1, start_column=2, end_row=sheet.max_row,
                              end_column=2)
    book.save(path)


def compact_ledger(measures: int = 10_000, per_problem: int = 5, per_category: int = 20) -> str:
    """A ledger of ``measures`` measures written one a line, to stay within the 2 MB a YAML file may have."""
    lines = ["文种: 台账", f"标题: {measures}项措施的整改台账（生成的基准测试数据）", "成文日期: 2025-09-05",
             "正文:", "  - 插入: 整改台账", "整改台账:", "  类别:"]
    n = 0
    for c in range(measures // (per_problem * per_category)):
        lines += [f"    - 名称: 第{c + 1}类问题方面", "      问题:"]
        for p in range(per_category):
            lines += [f"        - 文本: 第{c + 1}-{p + 1}项问题，落实主体责任不够到位。", "          整改措施:"]
            for _ in range(per_problem):
                n += 1
                lines.append(f"            - {{文本: 措施{n}，制定责任清单，开展专项检查。, 责任领导: 领导{n % 7 + 1}, "
                             f"责任单位: 处室{n % 11 + 1}, 完成时限: 2025-{n % 12 + 1:02d}-28, 进展: {STATUSES[n % 4]}}}")
    return "\n".join(lines) + "\n"


def paragraph(characters: int) -> str:
    """A 通报 whose body is one paragraph of ``characters`` characters."""
    text = ("巡察整改落实情况，" * (characters // 9 + 1))[:characters]
    return f"文种: 通报\n标题: 一个{characters}字的段落\n正文:\n  - '{text}'\n"


def short(i: int) -> str:
    """A report of about three pages."""
    body = "\n".join(f"      - {MEASURE}，第{i}号文件第{k}段，确保整改工作落实落细、取得实效。" * 1 for k in range(6))
    return f"""文种: 通报
发文机关: 第{i}测试单位党组
标题: 第{i}测试单位关于巡察整改情况的通报
成文日期: 2025-09-05
正文:
  - 根据统一部署，现将巡察整改情况通报如下。
  - 标题: 整改工作开展情况
    正文:
{body}
  - 标题: 下一步工作
    正文:
{body}
"""


CYCLE_DOCUMENTS = {  # the five documents of a 整改 cycle: name → (head, body inserts)
    "1-方案": ("文种: 方案\n标题: 整改方案（基准测试）\n成文日期: 2025-07-10\n",
             "  - 对照{问题总数}个问题制定措施{措施总数}项。\n附件:\n  - {名称: 问题清单, 正文: [{插入: 问题清单}]}\n"
             "  - {名称: 任务清单, 正文: [{插入: 任务清单}]}\n  - {名称: 责任清单, 正文: [{插入: 责任清单}]}\n"),
    "2-进展报告": ("文种: 报告\n标题: 整改进展情况报告（基准测试）\n成文日期: 2025-08-15\n截至: 2025-08-10\n",
               "  - 截至{截至}，已完成{已完成}项，占{已完成占比}，逾期{逾期未完成}项。\n  - 插入: 整改情况\n"
               "  - 插入: 逾期未完成事项\n"),
    "3-台账": ("文种: 台账\n标题: 整改台账（基准测试）\n成文日期: 2025-09-22\n截至: 2025-09-20\n", "  - 插入: 整改台账\n"),
    "3-报告": ("文种: 报告\n标题: 整改情况报告（基准测试）\n成文日期: 2025-09-25\n截至: 2025-09-20\n上期截至: 2025-08-10\n",
             "  - 已完成{已完成}项，本期完成{本期完成}项。\n  - 插入: 本期完成事项\n  - 插入: 整改情况\n"),
    "3-通报": ("文种: 通报\n标题: 整改情况通报（基准测试）\n成文日期: 2025-09-28\n截至: 2025-09-20\n",
             "  - 已完成{已完成}项，占{已完成占比}。\n  - 插入: 整改情况\n"),
}
HISTORY = ("{日期: 2025-07-01, 进展: 推进中, 说明: 已制定工作方案。}", "{日期: 2025-08-%02d, 进展: 阶段性成果, 说明: 已完成主体工作。}",
           "{日期: 2025-09-%02d, 进展: 已完成, 说明: 已通过验收。}")


def ledger_part(unit: int, first_category: int, categories: int, per_category: int = 10, per_problem: int = 3,
                facts: bool = False) -> str:
    """One unit's ledger file: its categories, problems and measures with three months of 进展记录."""
    lines = ["监督形式: 巡察", "反馈机关: 市委第一巡察组", "反馈日期: 2025-06-20", "整改期限: 2025-09-30"] if facts else []
    lines.append("类别:")
    n = 0
    for c in range(first_category, first_category + categories):
        lines += [f"  - 名称: 第{c + 1}类问题方面", "    问题:"]
        for p in range(per_category):
            lines += [f"      - 文本: （编号{c + 1}-{p + 1}）{PROBLEM}。", "        整改措施:"]
            for m in range(per_problem):
                n += 1
                entries = HISTORY[:n % 3 + 1]
                lines += [f"          - 文本: 措施{unit}-{n}：{MEASURE}。", f"            责任领导: 领导{n % 7 + 1}",
                          f"            责任单位: 处室{unit}", f"            完成时限: 2025-{n % 3 + 7:02d}-28",
                          "            进展记录:", *(f"              - {e}" % (n % 28 + 1) if "%" in e else f"              - {e}"
                                                     for e in entries)]
    return "\n".join(lines) + "\n"


def cycle(folder: Path, measures: int = 300) -> None:
    """The five documents of a cycle twice: around a ledger in two units' files (``files/``), and each with
    the same ledger written inline (``inline/``)."""
    categories = measures // 30
    parts = [ledger_part(1, 0, categories // 2, facts=True), ledger_part(2, categories // 2, categories - categories // 2)]
    (folder / "files" / "台账").mkdir(parents=True, exist_ok=True)
    (folder / "inline").mkdir(parents=True, exist_ok=True)
    for i, part in enumerate(parts, 1):
        (folder / "files" / "台账" / f"处室{i}.yaml").write_text(part, encoding="utf-8")
    inline = "整改台账:\n" + "".join("  " + line + "\n" for line in (parts[0] + parts[1].split("\n", 1)[1]).splitlines())
    for name, (head, body) in CYCLE_DOCUMENTS.items():
        text = head + "正文:\n" + body
        (folder / "files" / f"{name}.yaml").write_text(text + "整改台账: [台账/处室1.yaml, 台账/处室2.yaml]\n",
                                                     encoding="utf-8")
        (folder / "inline" / f"{name}.yaml").write_text(text + inline, encoding="utf-8")


def main(out: str) -> None:
    folder = Path(out)
    (folder / "batch").mkdir(parents=True, exist_ok=True)
    (folder / "ledger.yaml").write_text(ledger(), encoding="utf-8")
    workbook(folder / "台账.xlsx")
    (folder / "ledger-10000.yaml").write_text(compact_ledger(), encoding="utf-8")
    for characters in PARAGRAPHS:
        (folder / f"paragraph-{characters // 1000}k.yaml").write_text(paragraph(characters), encoding="utf-8")
    for i in range(100):
        (folder / "batch" / f"doc-{i:03d}.yaml").write_text(short(i), encoding="utf-8")
    cycle(folder / "cycle")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/inputs")
