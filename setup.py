"""Packaging: the wheel carries content/ and locales/ as assistant/_data/ (see assistant/paths.py).

Authors and translators keep editing the top-level content/ and locales/ folders; only the
built package has the copy. Everything else about the project is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

CACHE = ["__pycache__", "*.__pycache__"]
DATA = {"assistant._data.content": "content", "assistant._data.locales": "locales"}


def tree(package: str, folder: str) -> list[str]:
    """The folder and every folder below it, as packages of data files."""
    return [package] + [f"{package}.{sub}" for sub in find_namespace_packages(where=folder, exclude=CACHE)]


data_packages = [p for package, folder in DATA.items() for p in tree(package, folder)]

setup(
    packages=find_namespace_packages(include=["assistant", "assistant.*"], exclude=CACHE) + data_packages,
    package_dir=DATA,
    package_data={"assistant.tui": ["*.tcss"], "assistant.web": ["templates/*.html", "static/*"],
                  **{p: ["*"] for p in data_packages}},
    exclude_package_data={p: ["*.mo"] for p in data_packages},
)
