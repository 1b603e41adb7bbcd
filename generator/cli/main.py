"""The `gongwen` group: runs a command and maps our errors to one Chinese line and exit codes
(0/1/2); `--debug` shows the traceback. The commands live one group per module beside this one."""
from __future__ import annotations

import traceback

import click

from generator import __version__
from generator.cli import i18n as cli_i18n
from generator.cli.common import echo_font_note, out_dir
from generator.errors import GongwenError, ValidationError
from generator.infra.fileio import os_reason

cli_i18n.install()


# the commands by the name of what they write (gongwen 请示 … is gongwen request …); not listed in --help
COMMAND_ALIASES = {"计划": "plan", "通知": "notice", "总结": "summary", "批复": "approve", "请示": "request",
                   "公示": "publicity", "检查": "lint", "排版": "format", "预览": "preview", "工作台": "serve"}


class GongwenGroup(click.Group):
    """Runs a command and turns our errors into one Chinese line and exit code 2."""

    def get_command(self, ctx, cmd_name):
        return super().get_command(ctx, COMMAND_ALIASES.get(cmd_name, cmd_name))

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GongwenError as exc:
            if ctx.params.get("debug"):
                traceback.print_exc()
            lines = exc.lines() if isinstance(exc, ValidationError) else [str(exc)]
            for line in lines:
                click.echo(f"错误：{line}" if line is lines[0] else line, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("已中断，未写完的文件已清理。", err=True)
            ctx.exit(130)
        except OSError as exc:  # a file-system failure not foreseen where it happened
            if ctx.params.get("debug"):
                traceback.print_exc()
            where = f"{exc.filename}：" if getattr(exc, "filename", None) else ""
            click.echo(f"错误：{where}{os_reason(exc)}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # a bug: one line for the writer, the details with --debug
            if ctx.params.get("debug"):
                raise
            click.echo(f"错误：程序内部错误（{type(exc).__name__}: {exc}）。请加 --debug 重新运行，"
                       "并把输出发给维护人员。", err=True)
            ctx.exit(2)


@click.group(cls=GongwenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gongwen")
@click.option("--debug", is_flag=True, help="出错时显示完整的调用栈（供开发者排查）。")
def main(debug: bool) -> None:
    """党务公文工坊：生成发展党员工作计划、规划、总结、批复、通知，并检查公文草稿。"""
    # --debug is read back from the context (common.debug()) by the commands that need it


@main.command()
@click.option("-o", "--output", "out", help="输出目录，默认 output/demo。")
@click.option("--force", is_flag=True, help="输出目录中有非示例生成的同名文件时也覆盖。")
def demo(out, force):
    """用内置的虚构示例单位生成全部已实现的文种，看看效果。"""
    from generator.demo import run_demo

    for path in run_demo(out_dir(out, "output/demo"), force):
        click.echo(f"已生成：{path}")
    echo_font_note()


@main.command()
@click.argument("directory", default=".", metavar="目录")
@click.option("--force", is_flag=True, help="覆盖目录中已有的同名文件。")
def init(directory, force):
    """在目录（默认当前目录）中放一套可照着改的起步文件：单位概况.yaml、花名册.xlsx、决定表.xlsx、红头模板.docx。"""
    from generator.starter import write_starter

    for path in write_starter(out_dir(directory, "."), force):
        click.echo(f"已生成：{path}")
    click.echo("下一步：按本单位情况修改 单位概况.yaml，然后运行 gongwen plan 单位概况.yaml")
