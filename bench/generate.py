"""Writes benchmark inputs: large ledgers (1,500 and 10,000 measures), paragraphs of 50,000 to 600,000 characters,
and a batch of short documents."""
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


def main(out: str) -> None:
    folder = Path(out)
    (folder / "batch").mkdir(parents=True, exist_ok=True)
    (folder / "ledger.yaml").write_text(ledger(), encoding="utf-8")
    (folder / "ledger-10000.yaml").write_text(compact_ledger(), encoding="utf-8")
    for characters in PARAGRAPHS:
        (folder / f"paragraph-{characters // 1000}k.yaml").write_text(paragraph(characters), encoding="utf-8")
    for i in range(100):
        (folder / "batch" / f"doc-{i:03d}.yaml").write_text(short(i), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/inputs")
