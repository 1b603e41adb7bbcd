"""`gongwen serve`: click options only; the workbench is generator.web."""
from __future__ import annotations

import click

from generator.errors import InputError


@click.command()
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="端口。")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址。默认只在本机（127.0.0.1）；给别的地址会让局域网里的电脑也能访问，请谨慎。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
def serve(port, host, no_browser):
    """在本机浏览器里使用全部功能：单位概况、生成公文、批复请示、检查草稿、花名册检查、语料。不联网。"""
    try:
        from generator.web.app import serve as run
    except ImportError as exc:  # the web stack is a dependency; a broken install says so
        raise InputError(f"网页工作台需要的组件没有安装（{exc.name}），请重新安装：pip install gongwen") from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"提示：监听 {host}，同一网络中的其他电脑也能访问（仍需要启动时的访问口令）", err=True)
    run(host=host, port=port, open_browser=not no_browser)
