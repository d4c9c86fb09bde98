"""Open the built site (`_docs/`) in a real headless Chromium and check what a reader sees.

Serves `_docs/` on 127.0.0.1 only; opens the front page and the split-attention notebook's page and checks the band
navigation on both (captions in band order, links to every band's notebooks), a rendered figure (an `<img>` of an
output that the browser decoded), maths typeset by the bundled MathJax (the claims notebook), wide tables that scroll (the ablation), and search (the search
page finds the split-attention notebook for "radix"). Saves `_docs/screenshot_index.png` and
`_docs/screenshot_split_attention.png`. Then it opens the split-attention notebook in JupyterLab (a headless server
on 127.0.0.1, its kernel started) and checks that opening it does not mark it modified (`--lab-only`: just that). Installs Debian's `chromium` and `chromium-driver` when they are missing
(apt, as root); selenium comes from settings.ini's dev_requirements.

Usage: python docs/check_browser.py [--site _docs] [--lab-only]
"""
import argparse, functools, http.server, os, shutil, subprocess, sys, tempfile, threading, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAPTIONS = ['Models: the idea', 'Training and the ablation', 'Transfer', 'Verification against the paper', 'Core',
            'Tools', 'Experiments (resnest-nb run NAME)', 'Test notebooks', 'Reference']
CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync',
                '--window-size=1400,1000']

def ensure_chromium():
    "Paths of chromium and chromedriver, installing Debian's packages when they are missing and we are root."
    found = shutil.which('chromium'), shutil.which('chromedriver')
    if all(found): return found
    if os.geteuid() != 0:
        raise SystemExit("check_browser: chromium and chromium-driver are missing: run `sudo apt-get install chromium chromium-driver`")
    env = dict(os.environ, DEBIAN_FRONTEND='noninteractive')
    cmd = ['apt-get', 'install', '-y', '-qq', 'chromium', 'chromium-driver']
    if subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL).returncode:
        subprocess.run(['apt-get', 'update', '-qq'], env=env, stdout=subprocess.DEVNULL, check=True)
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, check=True)
    return shutil.which('chromium'), shutil.which('chromedriver')

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass

def serve(site):
    "An HTTP server of `site` on 127.0.0.1 (a free port), in a daemon thread; returns (server, base url)."
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f'http://127.0.0.1:{srv.server_address[1]}/'

def wait_for(fn, what, timeout=30):
    "Poll `fn` until it returns something truthy; fail naming `what` after `timeout` s."
    t0 = time.time()
    while time.time() - t0 < timeout:
        v = fn()
        if v: return v
        time.sleep(0.25)
    raise AssertionError(f"check_browser: timed out after {timeout} s waiting for {what}")

def check_navigation(d, page):
    from selenium.webdriver.common.by import By
    # the theme fills the sidebar after the page loads: a first Chromium start on a busy machine can take seconds
    wait_for(lambda: d.find_elements(By.CSS_SELECTOR, 'nav.bd-docs-nav p.caption'), f"{page}: the sidebar's captions")
    caps = [e.get_attribute('textContent').strip() for e in d.find_elements(By.CSS_SELECTOR, 'nav.bd-docs-nav p.caption')]
    assert caps == CAPTIONS, f"{page}: sidebar captions {caps}, expected {CAPTIONS}"
    links = [e.get_attribute('href') for e in d.find_elements(By.CSS_SELECTOR, 'nav.bd-docs-nav a.reference')]
    for stem in ['00_core.io', '01_models.split_attention', '11_train.learner', '23h_transfer.d2', 'experiments/train_classifier', 'api/index']:
        assert any(l and l.split('#')[0].endswith(f'{stem}.html') for l in links), f"{page}: no sidebar link to {stem}"
    return len(links)

def free_port():
    import socket
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

LAB_NOTEBOOK = '01_models.split_attention.ipynb'
JS_LAB_STATE = """const w = window.jupyterapp && Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.context && w.sessionContext);
    if (!w || !w.context.isReady) return null;
    const tab = [...document.querySelectorAll('.lm-TabBar-tab')].find(t => t.textContent.includes(arguments[0]));
    return {dirty: w.context.model.dirty, tab_dirty: !!tab && tab.classList.contains('jp-mod-dirty'),
            status: w.sessionContext.kernelDisplayStatus, language: (w.context.model.getMetadata('language_info') || {}).name || '',
            metadata: w.context.model.toJSON().metadata};"""

def check_lab(d, nb=LAB_NOTEBOOK):
    "Open `nbs/nb` in a JupyterLab served from a copy of `nbs/`: once its kernel is up, the notebook is not modified."
    import json, urllib.request
    work = Path(tempfile.mkdtemp(prefix='resnest_nb_lab_'))
    shutil.copytree(ROOT/'nbs', work/'nbs', ignore=shutil.ignore_patterns('.ipynb_checkpoints'))
    port = free_port(); log = open(work/'lab.log', 'w')
    lab = subprocess.Popen([sys.executable, '-m', 'jupyterlab', '--no-browser', f'--port={port}', '--ServerApp.ip=127.0.0.1',
                            '--ServerApp.token=', '--ServerApp.password=', '--LabApp.expose_app_in_browser=True',
                            f'--ServerApp.root_dir={work/"nbs"}', f'--LabApp.workspaces_dir={work/"workspaces"}',
                            f'--LabApp.user_settings_dir={work/"settings"}'] + (['--allow-root'] if os.geteuid() == 0 else []),
                           stdout=log, stderr=subprocess.STDOUT, cwd=work)
    try:
        def up():
            if lab.poll() is not None: raise AssertionError(f"check_browser: jupyter lab exited: {(work/'lab.log').read_text()[-2000:]}")
            try: return urllib.request.urlopen(f'http://127.0.0.1:{port}/api/status', timeout=2).status == 200
            except OSError: return False
        t0 = time.time(); wait_for(up, 'jupyter lab to start', timeout=90)
        before = (work/'nbs'/nb).read_bytes()
        d.get(f'http://127.0.0.1:{port}/lab/tree/{nb}')
        st = wait_for(lambda: (s := d.execute_script(JS_LAB_STATE, nb)) and s['status'] == 'idle' and s['language'] and s,
                      f'JupyterLab to open {nb} and start its kernel', timeout=90)
        time.sleep(2)   # what the kernel's info reply writes lands in the model (and marks it dirty, if it differs)
        st = d.execute_script(JS_LAB_STATE, nb)
        disk = json.loads(before)['metadata']
        assert not st['dirty'] and not st['tab_dirty'], (f"JupyterLab marks {nb} modified on opening: the file's metadata "
            f"{json.dumps(disk)} became {json.dumps(st['metadata'])} (kernel display name, language_info: "
            "see 45_tools.notebooks, kernel_metadata)")
        assert (work/'nbs'/nb).read_bytes() == before, f"JupyterLab rewrote {nb} on opening"
        print(f"check_browser: JupyterLab {nb}: kernel idle, not modified ({time.time() - t0:.0f} s)")
    finally:
        lab.terminate()
        try: lab.wait(15)
        except subprocess.TimeoutExpired: lab.kill()
        shutil.rmtree(work, ignore_errors=True)

def main(argv=None):
    ap = argparse.ArgumentParser('docs/check_browser.py', description=__doc__.splitlines()[0])
    ap.add_argument('--site', default=str(ROOT/'_docs'), help="the built site (default: _docs)")
    ap.add_argument('--lab-only', action='store_true', help="only check that JupyterLab opens a notebook unmodified (no site needed)")
    args = ap.parse_args(argv)
    site = Path(args.site).resolve()
    if not args.lab_only and not (site/'index.html').is_file(): raise SystemExit(f"check_browser: no {site}/index.html: run `make docs` first")
    chromium, driver = ensure_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    srv, base = serve(site)
    profile = tempfile.mkdtemp(prefix='resnest_nb_chromium_')
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for f in CHROME_FLAGS + [f'--user-data-dir={profile}']: opts.add_argument(f)
    d = webdriver.Chrome(service=Service(driver), options=opts)
    try:
        if args.lab_only: check_lab(d); return 0
        d.get(base + 'index.html')
        n = check_navigation(d, 'index.html')
        d.save_screenshot(str(site/'screenshot_index.png'))
        print(f"check_browser: index.html: {len(CAPTIONS)} sidebar sections in band order, {n} links")

        d.get(base + '01_models.split_attention.html')
        check_navigation(d, '01_models.split_attention.html')
        imgs = d.find_elements(By.CSS_SELECTOR, '.cell_output img')
        assert imgs, "01_models.split_attention.html: no figure among the outputs"
        wait_for(lambda: all(d.execute_script('return arguments[0].complete && arguments[0].naturalWidth', i) for i in imgs),
                 'the split-attention figures to load')
        w = d.execute_script('return arguments[0].naturalWidth', imgs[0])
        d.execute_script('arguments[0].scrollIntoView({block: "center"})', imgs[0])
        d.save_screenshot(str(site/'screenshot_split_attention.png'))
        print(f"check_browser: 01_models.split_attention.html: navigation, {len(imgs)} figure(s) decoded ({w} px wide)")

        d.get(base + '14_train.claims.html')
        n_math = wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, 'mjx-container')), 'MathJax to typeset the claims notebook')
        print(f"check_browser: 14_train.claims.html: {n_math} formulas typeset by the bundled MathJax")

        d.get(base + '13_train.ablation.html')
        js_wide = """return [...document.querySelectorAll('article table')].filter(t => t.scrollWidth > t.clientWidth + 1)
            .map(t => [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX]);"""
        # measured once the page's styles are applied (a busy machine lays the page out late)
        wide = wait_for(lambda: d.execute_script(js_wide), "13_train.ablation.html: a table wider than the page to check scrolling on")
        assert all(o in ('auto', 'scroll') for _, _, o in wide), f"13_train.ablation.html: wide tables that do not scroll: {wide}"
        print(f"check_browser: 13_train.ablation.html: {len(wide)} wide table(s) scroll sideways (widest {max(w for w, _, _ in wide)} px in {wide[0][1]} px)")

        d.get(base + 'search.html?q=radix')
        hits = wait_for(lambda: [a.get_attribute('href') for a in d.find_elements(By.CSS_SELECTOR, '#search-results li a')], 'search results for "radix"')
        assert any('01_models.split_attention.html' in h for h in hits), f"search for 'radix' did not find the split-attention notebook: {hits}"
        print(f"check_browser: search 'radix': {len(hits)} result(s), the split-attention notebook among them")
        check_lab(d)
    finally:
        d.quit(); srv.shutdown(); shutil.rmtree(profile, ignore_errors=True)
    print("check_browser: ok; screenshots in " + os.path.relpath(site) + "/screenshot_index.png and screenshot_split_attention.png")
    return 0

if __name__ == '__main__': sys.exit(main())
