"""Documentation of sphinxext-carnet, built with sphinxext-carnet."""

project = "sphinxext-carnet"
author = "Les contributeurs de sphinxext-carnet"
copyright = "2026, " + author
language = "fr"
version = release = "0.1"

extensions = ["sphinxext.carnet"]

exclude_patterns = ["_build", "README.md"]
html_theme = "alabaster"
html_sidebars = {
    "**": ["about.html", "navigation.html", "searchbox.html", "carnet/recent.html",
           "carnet/tags.html", "carnet/archives.html"],
}
html_title = "carnet"

carnet_posts = ["posts/**"]
carnet_legacy_site_url = "https://carnet.example.org"
html_baseurl = "https://sphinxext-carnet.readthedocs.io/fr/latest/"
html_static_path = ["_static"]
html_css_files = ["lisible.css"]
