"""Packages for setuptools: the ``shipdesk`` tree plus ``resources/`` shipped as
``shipdesk/_resources`` (found there by ``shipdesk.core.paths.resources_dir``)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["shipdesk", "shipdesk.*"]), "shipdesk._resources"],
    package_dir={"shipdesk._resources": "resources"},
    package_data={"shipdesk._resources": ["**/*"]},
    include_package_data=False,
)
