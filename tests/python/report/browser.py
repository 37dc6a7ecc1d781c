"""A headless Chromium driven through the system chromedriver (Debian's chromium and
chromium-driver; scripts/install-deps.sh --test installs them): no driver is downloaded."""

from __future__ import annotations

import os
import shutil

CHROMEDRIVER = "/usr/bin/chromedriver"


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError(
        "chromium is not installed: the report's browser test needs Debian's chromium and "
        "chromium-driver (scripts/install-deps.sh --test installs them)"
    )


def start_chromium(width: int = 1366, height: int = 900):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # Selenium Manager would fetch a driver from the network when it finds none; offline it
    # fails instead of downloading.
    os.environ["SE_OFFLINE"] = "true"
    assert os.path.exists(CHROMEDRIVER), f"{CHROMEDRIVER} missing: apt-get install chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    for flag in (
        "--headless=new",
        "--no-sandbox",  # the test may run as root in a container
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
