"""The command line: each command loads, calls one function, and reports."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="把 YAML 写成的整改文稿排成符合 GB/T 9704-2012 的 PDF 和 DOCX。")
fonts_app = typer.Typer(no_args_is_help=True, help="字体：安装 fontconfig 别名，或打印别名文件。")
app.add_typer(fonts_app, name="fonts")


def _echo_problems(problems) -> None:
    for problem in problems:
        typer.secho(str(problem), fg=typer.colors.RED, err=True)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="YAML 文件或目录")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录")] = Path("build"),
    format: Annotated[str, typer.Option("--format", "-f", help="输出格式，逗号分隔：pdf,docx")] = "pdf,docx",
    force: Annotated[bool, typer.Option("--force", help="不论是否改动都重新生成")] = False,
    previews: Annotated[bool, typer.Option("--previews", help="另存第一页和最后一页的 PNG 预览到 OUT/previews/")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="只报告错误")] = False,
):
    """生成 PDF 和 DOCX（未改动的文档会跳过）。"""
    from . import pipeline

    formats = tuple(f.strip().lower() for f in format.split(",") if f.strip())
    unknown = [f for f in formats if f not in pipeline.FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"不认识的格式 {unknown}：可选 pdf, docx", param_hint="--format")
    files = pipeline.sources(paths or [Path("inputs")])
    if not files:
        typer.secho("没有找到 YAML 文件", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(1)
    builder = pipeline.Builder(out, formats, force=force, previews=previews)
    outcomes = []
    if len(files) > 1 and not quiet:
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task("生成", total=len(files))
            for source in files:
                progress.update(task, description=source.name)
                outcomes.append(builder.build(source))
                progress.advance(task)
    else:
        outcomes = [builder.build(source) for source in files]
    for outcome in outcomes:
        _echo_problems(outcome.problems)
        for warning in outcome.warnings:
            typer.secho(f"{outcome.source}: 警告：{warning}", fg=typer.colors.YELLOW, err=True)
        if outcome.ok and not quiet:
            state = "未改动，跳过" if outcome.skipped else f"{outcome.seconds:.2f} s"
            written = [str(p) for p in outcome.outputs[1:] if p.suffix != ".png"]
            typer.echo(f"{outcome.source} → {', '.join(written)}（{state}）")
    built = sum(1 for o in outcomes if o.ok and not o.skipped)
    skipped = sum(1 for o in outcomes if o.skipped)
    failed = sum(1 for o in outcomes if not o.ok)
    if not quiet or failed:
        typer.echo(f"生成 {built}，跳过 {skipped}，失败 {failed}")
    raise typer.Exit(1 if failed else 0)


@app.command()
def validate(files: Annotated[list[Path], typer.Argument(help="要检查的 YAML 文件或目录")]):
    """只检查 YAML，不生成文件；列出全部问题。"""
    from . import pipeline
    from .errors import InputError
    from .loader import load

    failed = 0
    for source in pipeline.sources(files):
        try:
            load(source)
        except InputError as e:
            failed += 1
            _echo_problems(e.problems)
        else:
            typer.echo(f"{source}: 没有问题")
    raise typer.Exit(1 if failed else 0)


@app.command()
def new(
    kind: Annotated[str, typer.Argument(help="文种：通报 报告 汇报 方案 台账 信息 函 纪要（或英文 notice report …）")],
    file: Annotated[Path, typer.Argument(help="要写的 YAML 文件")],
    force: Annotated[bool, typer.Option("--force", help="覆盖已有文件")] = False,
):
    """写一个带说明的起始文档（每个文种一个），改写其中的内容即可。"""
    from .model import KIND_WORDS

    found = KIND_WORDS.get(kind.strip())
    if found is None:
        raise typer.BadParameter(f"不认识“{kind}”：可选 {' '.join(k.value for k in type(next(iter(KIND_WORDS.values()))))}",
                                 param_hint="KIND")
    if file.exists() and not force:
        typer.secho(f"{file} 已存在：换一个文件名，或加 --force 覆盖", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    scaffold = Path(__file__).parent / "scaffolds" / f"{found.english}.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(scaffold.read_text(encoding="utf-8"), encoding="utf-8")
    typer.echo(f"已写入 {file}（{found.value}）：改写后运行 reportgen build {file}")


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
