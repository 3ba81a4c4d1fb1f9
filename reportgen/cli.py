"""The command line: each command loads, calls one function, and reports."""
from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path
from typing import Annotated

import typer

from .forms import KIND_WORDS, kind_list


def _boundary(command):
    """The one error boundary of a command: anything that escapes it ends in a message naming the files it
    was given and the cause, exit code 1 — never a traceback, unless --debug asks for one."""

    @functools.wraps(command)
    def guarded(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt):
            raise
        except Exception as e:
            from .errors import unexpected

            named = next((kwargs[name] for name in ("file", "files", "paths") if kwargs.get(name)), None)
            where = "、".join(map(str, named if isinstance(named, list) else [named])) if named else "reportgen"
            typer.secho(f"{where}：{unexpected(e)}", fg=typer.colors.RED, err=True)
            raise typer.Exit(1) from None

    return guarded


class _Guarded(typer.Typer):
    """A Typer whose every command runs inside ``_boundary``."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)
        return lambda function: register(_boundary(function))


app = _Guarded(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
               help="把 YAML 写成的整改文稿排成符合 GB/T 9704-2012 的 PDF 和 DOCX。")
fonts_app = _Guarded(no_args_is_help=True, help="字体：安装 fontconfig 别名，或打印别名文件。")
app.add_typer(fonts_app, name="fonts")


@app.callback()
def _options(debug: Annotated[bool, typer.Option("--debug", help="出错时显示调用栈（向维护者报告问题时附上）")] = False):
    from .errors import DEBUG

    if debug:
        os.environ[DEBUG] = "1"  # worker processes inherit it

# Arguments and options that build and watch share.
Sources = Annotated[list[Path], typer.Argument(help="YAML 文件或目录")]
OutFolder = Annotated[Path, typer.Option("--out", "-o", help="输出目录")]
Formats = Annotated[str, typer.Option("--format", "-f", help="输出格式，逗号分隔：pdf,docx；xlsx 为整改台账的 Excel 表")]
Templates = Annotated[Path, typer.Option("--templates", help="本单位定制的模板目录（默认用自带模板）")]
DocxSeal = Annotated[bool, typer.Option("--docx-seal", help="DOCX 里也放印章图片（默认只在 PDF 里盖章：可编辑的文件不带章）")]


def _echo_problems(problems) -> None:
    for problem in problems:
        typer.secho(str(problem), fg=typer.colors.RED, err=True)


def _echo_outcome(outcome, quiet: bool = False) -> None:
    _echo_problems(outcome.problems)
    for warning in outcome.warnings:
        typer.secho(f"{outcome.source}: 警告：{warning}", fg=typer.colors.YELLOW, err=True)
    if outcome.ok and not outcome.skipped and not quiet:
        written = [str(p) for p in outcome.outputs[1:] if p.suffix != ".png"]
        typer.echo(f"{outcome.source} → {', '.join(written)}（{outcome.seconds:.2f} s）")


@app.command()
def build(
    paths: Sources = None,
    out: OutFolder = Path("build"),
    format: Formats = "pdf,docx",
    force: Annotated[bool, typer.Option("--force", help="不论是否改动都重新生成")] = False,
    previews: Annotated[bool, typer.Option("--previews", help="另存第一页和最后一页的 PNG 预览到 OUT/previews/")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行进程数；0 为每个 CPU 核一个")] = 0,
    templates: Templates = None,
    shard: Annotated[str, typer.Option("--shard", help="只生成第 K 份（共 N 份），如 2/4；供 CI 分机并行")] = "",
    strict: Annotated[bool, typer.Option("--strict", help="有警告（如没有字体能显示的字符）即算失败")] = False,
    by_unit: Annotated[bool, typer.Option("--by-unit", help="xlsx 另为每个责任单位各建一页")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="只报告错误")] = False,
    docx_seal: DocxSeal = False,
):
    """生成 PDF 和 DOCX（未改动的文档会跳过）。"""
    import time

    from . import budget, discover, pipeline

    formats = _formats(format)
    if by_unit and "xlsx" not in formats:
        raise typer.BadParameter("--by-unit 只用于 xlsx：请同时写 --format xlsx（可与 pdf,docx 并列）", param_hint="--by-unit")
    if shard and not _valid_shard(shard):
        raise typer.BadParameter("写作 K/N，1 ≤ K ≤ N，如 2/4", param_hint="--shard")
    paths = _existing(paths)
    files = discover.shard(discover.sources(paths), shard)
    if not files:
        typer.secho("没有找到 YAML 文件", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(0 if shard else 1)
    started = time.perf_counter()
    builder = pipeline.Builder(out, formats, templates=_templates(templates), force=force,
                               previews=previews, strict=strict, docx_seal=docx_seal,
                               by_unit=by_unit, root=discover.root(paths))
    budget.cap_memory()

    report = functools.partial(_echo_outcome, quiet=quiet)
    _interrupt_on_sigterm()
    try:
        if len(files) > 1 and not quiet:
            from rich.progress import Progress

            with Progress(transient=True) as bar:
                task = bar.add_task("生成", total=len(files))

                def advance(outcome) -> None:
                    bar.advance(task)
                    report(outcome)

                outcomes = pipeline.run(builder, files, jobs, advance)
        else:
            outcomes = pipeline.run(builder, files, jobs, report)
    except KeyboardInterrupt:
        typer.secho("已中断：写完的文件完整，没写完的不留半截，原有文件不受影响", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(130) from None
    built = sum(1 for o in outcomes if o.ok and not o.skipped)
    skipped = sum(1 for o in outcomes if o.skipped)
    failed = sum(1 for o in outcomes if not o.ok)
    if not quiet or failed:
        typer.echo(f"生成 {built}，跳过 {skipped}，失败 {failed}（{time.perf_counter() - started:.1f} s）")
    raise typer.Exit(1 if failed else 0)


@app.command()
def watch(
    paths: Sources = None,
    out: OutFolder = Path("build"),
    format: Formats = "pdf,docx",
    templates: Templates = None,
    docx_seal: DocxSeal = False,
):
    """一直运行：每次保存 YAML（或印章图片、模板）就重新生成改动的文档，错误就地显示。Ctrl-C 退出。"""
    import sys
    import time

    from . import budget, discover, pipeline
    from .watch import watch as serve

    formats = _formats(format)
    paths = _existing(paths)
    builder = pipeline.Builder(out, formats, templates=_templates(templates), docx_seal=docx_seal,
                               root=discover.root(paths))
    budget.cap_memory()
    clear = sys.stdout.isatty()

    def show(changed, outcomes) -> None:
        if clear:
            typer.echo("\x1b[2J\x1b[H", nl=False)  # the screen shows the current state, not a history
        stamp = time.strftime("%H:%M:%S")
        what = "、".join(sorted(p.name for p in changed)) if changed else "首次生成"
        typer.echo(f"[{stamp}] {what}")
        for outcome in outcomes:
            if outcome.skipped:
                typer.echo(f"{outcome.source}：错误已改正（内容与上次生成的相同，文件未重写）")
            _echo_outcome(outcome)
        failed = sum(1 for o in outcomes if not o.ok)
        status = f"{failed} 个文档有错误，改正并保存后自动重试" if failed else "全部就绪"
        typer.echo(f"{status}。监视 {'、'.join(map(str, paths))}（Ctrl-C 退出）")

    _interrupt_on_sigterm()
    try:
        serve(builder, paths, show)
    except KeyboardInterrupt:
        pass
    typer.echo("已停止监视")


def _interrupt_on_sigterm() -> None:
    """SIGTERM (a CI runner cancelling) stops a build like Ctrl-C: files being written are discarded."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def _existing(paths: list[Path] | None) -> list[Path]:
    """The files and folders named (``inputs/`` when none is); a name that does not exist is a usage error,
    said in Chinese."""
    paths = paths or [Path("inputs")]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise typer.BadParameter(f"找不到 {'、'.join(missing)}（当前文件夹是 {Path.cwd()}）", param_hint="FILES")
    return paths


def _sources(paths: list[Path] | None, ledgers: bool = False) -> list[Path]:
    """The YAML files named, or found in the folders named (with ledger files if ``ledgers``)."""
    from .discover import sources

    return sources(_existing(paths), ledgers)


def _formats(spec: str) -> tuple[str, ...]:
    from .pipeline import FORMATS, ON_REQUEST

    formats = tuple(f.strip().lower() for f in spec.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS + ON_REQUEST]
    if unknown or not formats:
        raise typer.BadParameter(f"不认识的格式 {unknown}：可选 {', '.join(FORMATS + ON_REQUEST)}", param_hint="--format")
    return formats


def _templates(templates: Path | None) -> Path:
    if templates is None:
        from .compose import TEMPLATES
        return TEMPLATES
    if not (templates / "base.html.j2").is_file():
        raise typer.BadParameter(f"{templates} 里没有 base.html.j2：请复制自带的 templates/ 后再改", param_hint="--templates")
    return templates


def _refuse_overwrite(path: Path, force: bool) -> None:
    from .errors import OutputError

    if path.is_dir():
        raise OutputError(path, "是一个文件夹：请写出要生成的文件名，如 新报告.yaml")
    if path.exists() and not force:
        raise OutputError(path, "已存在：换一个文件名，或加 --force 覆盖")


def _write(path: Path, text: str) -> None:
    """A file the editor asked for (new, import), its folder made if needed."""
    from .errors import OutputError, os_reason

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise OutputError(path, f"无法写入：{os_reason(e)}") from None


@contextlib.contextmanager
def _refusals():
    """What reportgen explains (a file it cannot read or write) ends the command with that message, exit 1."""
    from .errors import InputError, ReportgenError

    try:
        yield
    except InputError as e:
        _echo_problems(e.problems)
        raise typer.Exit(1) from None
    except ReportgenError as e:
        typer.secho(str(e), fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


def _kind(word: str, hint: str):
    """The genre an editor named, in Chinese or English; an unknown word is a usage error listing them."""
    found = KIND_WORDS.get(word.strip())
    if found is None:
        raise typer.BadParameter(f"不认识“{word}”：可选 {kind_list()}（或英文 notice report …）", param_hint=hint)
    return found


def _valid_shard(spec: str) -> bool:
    try:
        k, n = (int(x) for x in spec.split("/"))
    except ValueError:
        return False
    return 1 <= k <= n


@app.command()
def validate(files: Sources = None):
    """只检查 YAML，不生成文件；列出全部问题。"""
    from . import ledger_files, rules
    from .errors import InputError, warning_text
    from .loader import load

    sources = _sources(files)
    failed, loaded = set(), []
    for source in sources:
        try:
            if ledger_files.is_ledger(source):
                ledger_files.validate_file(source)
            else:
                loaded.append(load(source))
                for warning in loaded[-1]._loaded.warnings:
                    typer.secho(warning_text(warning), fg=typer.colors.YELLOW, err=True)
        except InputError as e:
            failed.add(source)
            _echo_problems(e.problems)
    errors, warnings = rules.across(loaded)  # documents that share a ledger must agree
    _echo_problems(errors)
    for warning in warnings:
        typer.secho(warning_text(warning), fg=typer.colors.YELLOW, err=True)
    failed |= {Path(p.file) for p in errors}
    for source in sources:
        if source not in failed:
            typer.echo(f"{source}: 没有问题")
    raise typer.Exit(1 if failed else 0)


@app.command()
def lint(
    files: Sources = None,
    fix: Annotated[bool, typer.Option("--fix", help="把能确定的改正直接写回文件（注释和格式保持原样）")] = False,
    check: Annotated[bool, typer.Option("--check", help="有任何发现（或有改动）即以 1 退出：供 pre-commit 和 CI 使用")] = False,
):
    """检查写法：全角标点、中文引号、发文字号、日期和数字、手打的序号、空节、重复的措施、报告的签发人、与台账不符的百分比。"""
    from . import lint as linting
    from .errors import InputError

    remaining = checked = fixed = fixable = 0
    for source in _sources(files, ledgers=True):
        checked += 1
        try:
            if fix:
                findings, changed = linting.fix_file(source)
                if changed:
                    fixed += 1
                    typer.echo(f"{source}: 已改正")
            else:
                findings = linting.lint_file(source)
        except InputError as e:  # not UTF-8, too large
            _echo_problems(e.problems)
            remaining += 1
            continue
        for finding in findings:
            typer.secho(f"{source}:{finding}", fg=typer.colors.YELLOW, err=True)
        remaining += len(findings)
        fixable += sum(1 for f in findings if f.fix)
    if remaining:
        hint = "；标“可自动修正”的可用 reportgen lint --fix 改正" if fixable else ""
        typer.secho(f"共 {remaining} 处{hint}", err=True)
    else:
        typer.echo(f"检查了 {checked} 个文件，写法没有问题（字段、类型和数字由 reportgen validate 检查）")
    raise typer.Exit(1 if check and (remaining or fixed) else 0)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="旧文稿：.txt（UTF-8、UTF-16 或 GBK）或 .docx；或整改台账 .xlsx")],
    out: Annotated[Path, typer.Option("--out", "-o", help="要写的 YAML 文件（默认与原文同名，扩展名 .yaml）")] = None,
    kind: Annotated[str, typer.Option("--kind", help="文种；省略时从标题和行文判断（.xlsx：省略时写台账文件，台账 写成台账文档）")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件")] = False,
):
    """把已有的文稿（.txt 或 .docx）转成 YAML：标题、主送、各级标题、一是二是、存在问题/整改情况、署名、日期；
    把 Excel 台账（.xlsx）转成整改台账：类别、问题、措施、责任领导、责任单位、完成时限、进展。"""
    from .importer import import_file

    suffix = file.suffix.lower()
    if suffix not in (".txt", ".docx", ".xlsx"):
        raise typer.BadParameter(f"{file}：请给出一个 .txt、.docx 或 .xlsx 文件（.doc、.xls 请先在 Word/WPS/Excel 中另存为"
                                 f" .docx、.xlsx）", param_hint="FILE")
    found = _kind(kind, "--kind") if kind else None
    out = out or file.with_suffix(".yaml")
    next_step = f"请核对后运行 reportgen build {out}"
    changes = []
    with _refusals():
        _refuse_overwrite(out, force)
        if suffix == ".xlsx":
            text, problems = _import_workbook(file, out, found)
            if found is None:
                next_step = f"这是台账文件：请核对，在文档中写“整改台账: {out.name}”引用它（或用 --kind 台账 导入为台账文档）"
        else:
            imported = import_file(file, out, found)
            text, problems, changes = (imported.text, imported.problems, imported.changes) if imported else ("", [], [])
        if not text:
            typer.secho(f"{file} 里没有文字", fg=typer.colors.RED, err=True)
            raise typer.Exit(1)
        from . import schema

        _write(out, text)
        schema.write()  # what the file's first line points VS Code at
    typer.echo(f"已写入 {out}：{next_step}")
    if changes:
        typer.secho(f"注意：转换改动了原文的 {len(changes)} 处文字（已列在 {out} 开头的注释里）：",
                    fg=typer.colors.YELLOW, err=True)
        for change in changes:
            typer.secho(f"  {change}", fg=typer.colors.YELLOW, err=True)
    _echo_problems(problems)
    raise typer.Exit(1 if problems else 0)


def _import_workbook(file: Path, out: Path, kind):
    """A 台账 workbook → a ledger file (or a 台账 document); what could not be placed is said here too."""
    from .import_xlsx import import_workbook
    from .model import Kind

    if kind not in (None, Kind.LEDGER):
        raise typer.BadParameter("Excel 台账导入为台账文件（省略 --kind），或台账文档（--kind 台账）", param_hint="--kind")
    text, problems, told = import_workbook(file, out, kind)
    for line in told:
        typer.secho(f"{file}: {line}", fg=typer.colors.YELLOW, err=True)
    return text, problems


@app.command()
def new(
    kind: Annotated[str, typer.Argument(help=f"文种：{kind_list()}（或英文 notice report …）")],
    file: Annotated[Path, typer.Argument(help="要写的 YAML 文件")],
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件")] = False,
    ledger: Annotated[list[Path], typer.Option(
        "--ledger", help="引用的台账文件（方案、台账、通报、报告）；可写几次，依次合并；不存在时写一个起始台账")] = None,
):
    """写一个带说明的起始文档（每个文种一个），改写其中的内容即可；--ledger 写一份引用台账文件的文档。"""
    found = _kind(kind, "KIND")
    from . import schema, starter

    with _refusals():
        _refuse_overwrite(file, force)
        text, started = starter.scaffold(found), []
        if ledger:
            try:
                text, started = starter.wired(found, file, ledger)
            except ValueError as e:
                raise typer.BadParameter(str(e), param_hint="--ledger") from None
        for path, content in started:
            _write(path, content)
            typer.echo(f"已写入起始台账 {path}：各责任单位填写、更新其中的措施和进展记录")
        _write(file, schema.modeline(file) + text)
        written = schema.write()
    typer.echo(f"已写入 {file}（{found.value}）：改写后运行 reportgen build {file}")
    typer.echo(f"在 VS Code 中打开即可按 {written} 检查和补全（需装 Red Hat 的 YAML 扩展）")


@app.command("schema")
def schema_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="写到哪个目录下的 schema/reportgen.schema.json")] = Path("."),
):
    """写出 JSON Schema（schema/reportgen.schema.json），供 VS Code 的 YAML 扩展检查和补全。"""
    from . import schema

    with _refusals():
        written = schema.write(out)
    typer.echo(f"已写入 {written}")


@app.command()
def doctor():
    """检查字体、HarfBuzz 和 LibreOffice：每个角色实际用哪个字体，缺什么、怎么装。"""
    from . import fonts

    lines, ok = fonts.doctor()
    for line in lines:
        typer.echo(line)
    raise typer.Exit(0 if ok else 1)


@fonts_app.command("install")
def fonts_install():
    """把公文字体名的别名写入本用户的 fontconfig 目录（WeasyPrint 和 LibreOffice 都会读取）。"""
    from . import fonts

    written = fonts.install()
    typer.echo(f"已写入 {written}" if written else "fontconfig 别名已是最新")


@fonts_app.command("conf")
def fonts_conf():
    """打印 fontconfig 别名文件（供系统管理员放到 /etc/fonts/conf.d/）。"""
    from . import fonts

    typer.echo(fonts.fontconfig_conf(), nl=False)
