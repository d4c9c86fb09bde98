"""Build the documentation site of resnest_nb (`make docs`): Sphinx + myst-nb over the committed, executed notebooks.

1. stage: copy `nbs/**/*.ipynb` into `_proc/site/` as the site shows them (nbdev's `#| hide` cells dropped, `#|` lines
   removed, show_doc's dead `[source]` links dropped, figures a run wrote elsewhere named instead of linked), add the
   front page's navigation (one toctree per band, in file-name order) and one API page per exported module;
2. build: `sphinx-build -W --keep-going` into `_docs/` (any warning fails the build; nothing is executed);
3. check: every notebook has a page, every internal link and image of every page resolves (anchors included), no page
   names a path of the build machine, and nothing is loaded from another host (MathJax is bundled from a package).

Usage: python docs/build.py [--out _docs] [--no-check]
"""
import argparse, ast, html.parser, json, os, re, shutil, sys, time
from pathlib import Path
from urllib.parse import urlsplit, unquote

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT/'docs'

# the bands of nbs/ (see DEVELOPERS.md): the two-digit prefix's first digit, then the dotted module name's first part
BANDS = [('core', 'Core'), ('models', 'Models: the idea'), ('train', 'Training and the ablation'),
         ('transfer', 'Transfer'), ('verify', 'Verification against the paper'), ('tools', 'Tools')]

def directives(src):
    "(`{directive: value}`, source without the `#|` lines) of a code cell."
    d, keep = {}, []
    for line in src.splitlines():
        m = re.match(r'\s*#\|\s*([\w-]+):?\s*(.*)$', line)
        if m: d[m.group(1).lower()] = m.group(2).strip().lower()
        else: keep.append(line)
    return d, '\n'.join(keep).strip('\n')

_SOURCE_LINK = re.compile(r'^\[source\]\([^)]*\)(\{[^}]*\})?\s*$', re.M)
_IMAGE = re.compile(r'!\[([^\]]*)\]\(([^)\s]+)\)')

def _text(v): return ''.join(v) if isinstance(v, list) else v

def _markdown_output(md, nb_dir):
    "show_doc's markdown without its rule and `[source]` link (it points at a repository host); images a run wrote elsewhere named, not linked."
    md = _SOURCE_LINK.sub('', md)
    md = re.sub(r'^\s*---\s*\n', '', md)     # show_doc's leading rule: a transition docutils refuses inside an output
    def img(m):
        alt, target = m.groups()
        if target.startswith(('http:', 'https:', 'data:')) or (nb_dir/target).is_file(): return m.group(0)
        return f"*{alt or 'figure'}* (`{target}`, written by the run)"
    return _IMAGE.sub(img, md)

def stage_notebook(src, dst):
    "Write the notebook `src` as the site shows it to `dst`."
    nb = json.loads(src.read_text(encoding='utf-8'))
    cells = []
    for c in nb['cells']:
        if c['cell_type'] == 'code':
            d, code = directives(_text(c['source']))
            if 'hide' in d or d.get('include') == 'false' or ('default_exp' in d and not code): continue
            tags = set(c.get('metadata', {}).get('tags', []))
            if d.get('echo') == 'false': tags.add('remove-input')
            if d.get('output') == 'false': tags.add('remove-output')
            c['source'] = code
            c['metadata'] = {'tags': sorted(tags)} if tags else {}
            for o in c.get('outputs', []):
                if 'text/markdown' in o.get('data', {}):
                    o['data']['text/markdown'] = _markdown_output(_text(o['data']['text/markdown']), src.parent)
        cells.append(c)
    nb['cells'] = cells
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(json.dumps(nb, indent=1), encoding='utf-8')

def notebooks(root=ROOT):
    "Every notebook of the site, relative to nbs/, in reading order: library notebooks, experiments, tests."
    nbs = root/'nbs'
    lib = sorted(p for p in nbs.glob('*.ipynb') if p.stem != 'index')
    return [p.relative_to(nbs) for p in lib + sorted(nbs.glob('experiments/*.ipynb')) + sorted(nbs.glob('tests/*.ipynb'))]

def band(rel):
    "The band key of a library notebook `NN_band.name.ipynb` (None for experiments and tests)."
    m = re.match(r'\d+_(\w+)\.', rel.name)
    return m.group(1) if m and rel.parent == Path('.') else None

def default_exp(path):
    "The module a notebook exports (`#| default_exp`), or None."
    for c in json.loads(path.read_text(encoding='utf-8'))['cells']:
        if c['cell_type'] == 'code':
            d, _ = directives(_text(c['source']))
            if 'default_exp' in d: return d['default_exp']
    return None

def _toctree(caption, entries):
    return '\n'.join(['```{toctree}', f':caption: {caption}', ':maxdepth: 1', '', *entries, '```'])

def navigation(root=ROOT):
    "The front page's toctrees: the bands in order, then the experiments, the tests and the API reference."
    rels = notebooks(root)
    trees = []
    for key, caption in BANDS:
        es = [r.with_suffix('').as_posix() for r in rels if band(r) == key]
        if es: trees.append(_toctree(caption, es))
    other = [r for r in rels if band(r) is None and r.parent == Path('.')]
    if other: trees.append(_toctree('Other notebooks', [r.with_suffix('').as_posix() for r in other]))
    trees.append(_toctree('Experiments (resnest-nb run NAME)', [r.with_suffix('').as_posix() for r in rels if r.parent.name == 'experiments']))
    trees.append(_toctree('Test notebooks', [r.with_suffix('').as_posix() for r in rels if r.parent.name == 'tests']))
    trees.append(_toctree('Reference', ['api/index']))
    return '\n\n'.join(trees)

def api_pages(site, root=ROOT):
    "One page per exported module (`api/<module>.md`, autodoc of its `__all__`) and `api/index.md`; returns the module names."
    mods = []
    for rel in notebooks(root):
        m = default_exp(root/'nbs'/rel)
        if m: mods.append((f'resnest_nb.{m}', rel))
    (site/'api').mkdir(parents=True, exist_ok=True)
    for mod, rel in mods:
        page = [f'# {mod}', '', f'Exported from the notebook [{rel.stem}](../{rel.as_posix()}); its prose, examples and tests are there.',
                '', '```{eval-rst}', f'.. automodule:: {mod}', '   :members:', '```', '']
        (site/'api'/f'{mod}.md').write_text('\n'.join(page), encoding='utf-8')
    index = ['# API reference', '', 'The public functions and classes of the package, module by module (each module\'s `__all__`): '
             'signatures, docstrings and the comments of their arguments (fastcore docments).', '',
             '```{toctree}', ':maxdepth: 1', '', *[f'{m}' for m, _ in mods], '```', '']
    (site/'api'/'index.md').write_text('\n'.join(index), encoding='utf-8')
    return [m for m, _ in mods]

def mathjax_dir():
    "MathJax 3 (the `django-static-mathjax` package ships it; no CDN)."
    import mathjax   # the package's import name
    return Path(mathjax.__file__).parent/'static'/'mathjax'/'es5'

def stage(site, root=ROOT):
    "Write the Sphinx source folder `site` from the notebooks of `root`."
    if site.exists(): shutil.rmtree(site)
    for rel in notebooks(root): stage_notebook(root/'nbs'/rel, site/rel)
    stage_notebook(root/'nbs'/'index.ipynb', site/'index.ipynb')
    nb = json.loads((site/'index.ipynb').read_text(encoding='utf-8'))
    nb['cells'].append({'cell_type': 'markdown', 'id': 'site-navigation', 'metadata': {}, 'source': navigation(root)})
    (site/'index.ipynb').write_text(json.dumps(nb, indent=1), encoding='utf-8')
    api_pages(site, root)
    mj, out = mathjax_dir(), site/'_static'/'mathjax'
    out.mkdir(parents=True)
    shutil.copy2(mj/'tex-chtml.js', out/'tex-chtml.js')
    shutil.copytree(mj/'output'/'chtml'/'fonts'/'woff-v2', out/'output'/'chtml'/'fonts'/'woff-v2')

class _Links(html.parser.HTMLParser):
    "The ids and the local links (href, src) of one HTML page."
    def __init__(self):
        super().__init__(); self.ids, self.links, self.remote = set(), [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get('id'): self.ids.add(a['id'])
        if tag == 'a' and a.get('name'): self.ids.add(a['name'])
        for k in ('href', 'src'):
            v = a.get(k)
            if not v or v.startswith(('mailto:', 'javascript:', 'data:')): continue
            if urlsplit(v).scheme or v.startswith('//'):
                if tag in ('script', 'img', 'iframe') or (tag == 'link' and a.get('rel') != ['canonical']): self.remote.append(v)
                continue
            self.links.append(v)

def check_site(out, root=ROOT):
    "Problems of the built site `out`: missing notebook pages, broken internal links or anchors, machine paths, remote loads."
    problems = []
    pages = {p: _Links() for p in out.rglob('*.html') if '_static' not in p.relative_to(out).parts}   # _static/: theme templates
    for rel in ['index.ipynb', *notebooks(root)]:
        if not (out/Path(rel).with_suffix('.html')).is_file(): problems.append(f"no page for nbs/{rel}")
    machine = [str(root), str(Path.home())] + ([os.environ['VIRTUAL_ENV']] if os.environ.get('VIRTUAL_ENV') else [])
    for p, parser in pages.items():
        text = p.read_text(encoding='utf-8')
        parser.feed(text)
        for m in machine:
            if m and m != '/' and m in text: problems.append(f"{p.relative_to(out)}: names the build machine's path {m}")
    for p, parser in pages.items():
        for r in parser.remote: problems.append(f"{p.relative_to(out)}: loads {r} from another host")
        for link in parser.links:
            u = urlsplit(link)
            target = (p.parent/unquote(u.path)).resolve() if u.path else p
            if target.is_dir(): target = target/'index.html'
            if not target.exists(): problems.append(f"{p.relative_to(out)}: broken link {link}"); continue
            if u.fragment and target.suffix == '.html' and target in pages and unquote(u.fragment) not in pages[target].ids:
                problems.append(f"{p.relative_to(out)}: broken anchor {link}")
    return problems

def main(argv=None):
    ap = argparse.ArgumentParser('docs/build.py', description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=str(ROOT/'_docs'), help="where the site goes (default: _docs)")
    ap.add_argument('--no-check', action='store_true', help="skip the checks of the built site")
    args = ap.parse_args(argv)
    out, site, t0 = Path(args.out).resolve(), ROOT/'_proc'/'site', time.time()
    stage(site)
    from sphinx.cmd.build import build_main
    # into _proc/build/html first (myst-nb writes its jupyter_execute/ beside the output folder), then moved to `out`
    html_dir = ROOT/'_proc'/'build'/'html'
    if html_dir.parent.exists(): shutil.rmtree(html_dir.parent)
    rc = build_main(['-W', '--keep-going', '-q', '-b', 'html', '-c', str(DOCS), '-d', str(html_dir.parent/'doctrees'), str(site), str(html_dir)])
    if rc: print(f"docs: sphinx-build failed (exit {rc}); the warnings above say where", file=sys.stderr); return rc
    if out.exists(): shutil.rmtree(out)
    shutil.move(str(html_dir), str(out))
    n = len(list(out.rglob('*.html')))
    if not args.no_check:
        problems = check_site(out)
        for p in problems: print(f"docs: {p}", file=sys.stderr)
        if problems: print(f"docs: {len(problems)} problem(s) in the built site", file=sys.stderr); return 1
    print(f"docs: {n} pages in {os.path.relpath(out)}/ ({time.time() - t0:.0f} s){'' if args.no_check else ', links checked'}; open {os.path.relpath(out)}/index.html")
    return 0

if __name__ == '__main__': sys.exit(main())
