"""The workbench in a real browser (Debian's chromium, driven by Selenium), as a 组织委员 would use it: fill the
form and download a plan whose .docx passes the layout checks; paste a draft with three known defects and see
three highlights; upload the example decisions sheet and get the zip; run the roster check and see the table.
Screenshots of each step are kept (GONGWEN_SCREENSHOTS=folder keeps them there). Skipped, not failed, where
chromium, chromedriver or selenium is missing (.ci/run installs them)."""
from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator import resources

selenium = pytest.importorskip("selenium")
pytest.importorskip("uvicorn")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium 或 chromedriver 未安装")]

EXAMPLES = resources.examples_dir()
DRAFT = ("中共柳溪镇委员会2026年度发展党员工作计划\n\n一、指导思想\n\n"
         "要坚持控制总量、优化结构、提高质量、发挥作用的总要求,认真做好工作.今年是十四五开局之年。\n\n"
         "中共柳溪镇委员会\n2026年3月1日\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from generator.web.app import create_app
    from generator.web.security import Guard

    port = _free_port()
    guard = Guard.for_address("127.0.0.1", port)
    app = create_app(guard, remember=tmp_path_factory.mktemp("data") / "上次单位概况.yaml")
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", guard
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("GONGWEN_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser(server):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--lang=zh-CN"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    url, guard = server
    driver.get(f"{url}/?token={guard.token}")
    yield driver
    driver.quit()


def _wait(driver, css: str, timeout: float = 30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def _tab(driver, name: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'#tabs button[data-tab="{name}"]').click()


def _fetch(driver, server, href: str) -> bytes:
    """A download link's file, fetched with the browser's cookie (as the browser would save it)."""
    import httpx

    url, _ = server
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    return httpx.get(url + href, cookies=cookies).content


def test_fill_the_form_and_download_a_plan_that_passes_the_layout_checks(browser, server, shots, tmp_path):
    from selenium.webdriver.common.by import By

    from generator.lint.config import LintConfig
    from generator.lint.run import lint_file

    _wait(browser, '#profile-form input[name="单位.简称"]')
    browser.save_screenshot(str(shots / "1-单位概况.png"))
    name = browser.find_element(By.CSS_SELECTOR, 'input[name="单位.简称"]')
    name.clear()
    name.send_keys("柳溪镇党委")
    browser.find_element(By.ID, "profile-save").click()
    _wait(browser, "#flash.ok")
    _tab(browser, "generate")
    browser.find_element(By.CSS_SELECTOR, "#gen-form button[type=submit]").click()
    _wait(browser, "#gen-preview .gw-title")
    browser.save_screenshot(str(shots / "2-生成计划.png"))
    assert "2025年度发展党员工作计划" in browser.find_element(By.ID, "gen-title").text
    href = browser.find_element(By.CSS_SELECTOR, "#gen-downloads a").get_attribute("href")
    path = tmp_path / "plan.docx"
    path.write_bytes(_fetch(browser, server, urlsplit(href).path))
    assert [f for f in lint_file(path, LintConfig()).findings if f.rule.startswith("layout/")] == []


def test_paste_a_draft_with_three_defects_and_see_three_highlights(browser, shots):
    from selenium.webdriver.common.by import By

    _tab(browser, "lint")
    box = browser.find_element(By.CSS_SELECTOR, "#lint-form textarea")
    box.clear()
    box.send_keys(DRAFT)
    browser.find_element(By.CSS_SELECTOR, "#lint-form button[type=submit]").click()
    _wait(browser, "#lint-draft mark")
    marks = browser.find_elements(By.CSS_SELECTOR, "#lint-draft mark")
    assert [m.text for m in marks] == [",", ".", "十四五开局之年"]
    era = next(el for el in browser.find_elements(By.CSS_SELECTOR, "#lint-list .finding") if "十四五" in el.text)
    era.click()  # scrolls to its mark and flashes it
    time.sleep(0.3)
    browser.save_screenshot(str(shots / "3-检查草稿.png"))
    assert "flash" in marks[2].get_attribute("class")


def test_upload_the_decisions_sheet_and_get_the_zip(browser, server, shots):
    from selenium.webdriver.common.by import By

    _tab(browser, "approve")
    browser.find_element(By.CSS_SELECTOR, '#approve-form input[name="decisions"]').send_keys(str(EXAMPLES / "decisions.xlsx"))
    browser.find_element(By.CSS_SELECTOR, "#approve-form button[type=submit]").click()
    link = _wait(browser, "#approve-result a")
    browser.save_screenshot(str(shots / "4-批复.png"))
    assert "已生成 8 份" in browser.find_element(By.ID, "approve-result").text
    data = _fetch(browser, server, urlsplit(link.get_attribute("href")).path)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len([n for n in names if n.endswith(".docx")]) == 8


def test_run_the_roster_check_and_see_the_table(browser, shots):
    from selenium.webdriver.common.by import By

    _tab(browser, "roster")
    browser.find_element(By.CSS_SELECTOR, '#roster-form input[name="roster"]').send_keys(str(EXAMPLES / "roster.xlsx"))
    browser.find_element(By.CSS_SELECTOR, "#roster-form button[type=submit]").click()
    _wait(browser, "#roster-table tbody tr")
    rows = browser.find_elements(By.CSS_SELECTOR, "#roster-table tbody tr")
    browser.save_screenshot(str(shots / "5-花名册检查.png"))
    assert len(rows) >= 5 and "处不符合发展程序" in browser.find_element(By.ID, "roster-verdict").text
