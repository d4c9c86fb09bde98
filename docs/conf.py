# Sphinx configuration of the resnest_nb site; `make docs` (docs/build.py) stages the sources into _proc/site/ first.
import re, sys, warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# importing the package for autodoc: timm/resnest's torch.jit.script calls warn that it is deprecated
warnings.filterwarnings('ignore', message=r'`torch.jit.script` is deprecated', category=FutureWarning)

project = 'resnest_nb'
author = 'resnest_nb developers'
copyright = '2026 onwards, resnest_nb developers'

extensions = ['myst_nb', 'sphinx.ext.autodoc', 'sphinx.ext.mathjax']
exclude_patterns = ['_build', '**.ipynb_checkpoints']
templates_path = []
# the staged MathJax (docs/build.py writes _proc/site/_static/) and this folder's stylesheet
html_static_path = [str(ROOT/'_proc'/'site'/'_static'), '_static']
html_css_files = ['resnest_nb.css']

# the notebooks are committed executed: show their outputs, never run them
nb_execution_mode = 'off'
nb_merge_streams = True
nb_output_stderr = 'remove'
myst_enable_extensions = ['dollarmath', 'amsmath', 'colon_fence', 'attrs_inline']
myst_heading_anchors = 3
# show_doc's outputs are `### name` headings inside pages whose sections are `##`
suppress_warnings = ['myst.header']

# MathJax from the staged copy of a registry package (docs/build.py), not a CDN
mathjax_path = 'mathjax/tex-chtml.js'

html_theme = 'sphinx_book_theme'
html_title = 'resnest_nb'
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    'home_page_in_toc': True,
    'show_navbar_depth': 1,
    'show_toc_level': 2,
    'use_download_button': False,
    'use_fullscreen_button': False,
    'navigation_with_keys': False,
}

autodoc_member_order = 'bysource'
autodoc_typehints = 'signature'
# a method without a docstring of its own (forward, extra_repr) is not listed with torch's text
autodoc_inherit_docstrings = False
autodoc_default_options = {'members': True}
# docstrings here are one line of markdown: `code` in backticks
default_role = 'literal'

def md_to_rst(text):
    "One line of a markdown docstring as reStructuredText: `code` literal, [text](url) a link, everything else plain."
    out, pos = [], 0
    for m in re.finditer(r'`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)', text):
        out.append(re.sub(r'([\\*|_])', r'\\\1', text[pos:m.start()]))
        if m.group(1) is not None: out.append('\\ ``' + m.group(1) + '``\\ ')
        else: out.append(f'\\ `{m.group(2)} <{m.group(3)}>`__\\ ')
        pos = m.end()
    out.append(re.sub(r'([\\*|_])', r'\\\1', text[pos:]))
    return ''.join(out)

def _markdown_docstring(app, what, name, obj, options, lines):
    "This project's docstrings are markdown (nbdev): make them reStructuredText for autodoc."
    lines[:] = [md_to_rst(l) for l in lines]

def _skip(app, what, name, obj, skip, options):
    "fastai Transforms' type-dispatched `encodes`/`decodes` are documented in the notebooks, not as members."
    return True if name in ('encodes', 'decodes', 'setups') else None

def _docments(app, what, name, obj, options, lines):
    "Append fastcore's docments (the `arg:type, # comment` comments) to a docstring as a parameter list."
    if what not in ('function', 'method', 'class'): return
    try:
        from fastcore.docments import docments
        target = obj.__init__ if what == 'class' else obj
        docs = docments(target, full=True)
    except Exception: return
    params = [(k, v) for k, v in docs.items() if k not in ('self', 'return') and v.get('docment')]
    if not params: return
    if lines and lines[-1].strip(): lines.append('')
    for k, v in params: lines.append(f':param {k}: {md_to_rst(v["docment"])}')
    ret = docs.get('return', {}).get('docment')
    if ret: lines.append(f':returns: {md_to_rst(ret)}')
    lines.append('')

def setup(app):
    app.connect('autodoc-process-docstring', _markdown_docstring)
    app.connect('autodoc-process-docstring', _docments)
    app.connect('autodoc-skip-member', _skip)
