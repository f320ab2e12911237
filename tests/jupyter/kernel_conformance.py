"""The standard Jupyter kernel test suite (jupyter_kernel_test) against the ml-cert-labs kernel.

Run by tests/jupyter/kernel-conformance.test.ts, which registers the project's kernelspec in a
temporary JUPYTER_PATH. By hand:  JUPYTER_PATH=.jupyter /usr/bin/python3 -m unittest -v \
tests/jupyter/kernel_conformance.py   (after `npm run kernel:install` or `npm run lab`).

Suite attributes left unset, so the suite skips those tests:
- invalid_code_samples: tslab's is_complete only tells "complete" from "incomplete"; a syntax
  error is reported when the cell runs.
- code_page_something: the kernel has no pager (no `payload` with source "page").
- code_clear_output: tslab's display API has no clear_output.
"""

import os
import unittest

import jupyter_kernel_test


class MlCertLabsKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("ML_LABS_KERNEL_NAME", "ml-cert-labs")
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world");'
    code_stderr = 'console.error("something went wrong");'

    completion_samples = [
        {"text": "Math.fl", "matches": {"floor"}},
        {"text": "const answer = 42;\nansw", "matches": {"answer"}},
    ]
    complete_code_samples = ["1 + 2", "const x = 1;", "function f() {\n  return 1;\n}"]
    incomplete_code_samples = ["function f() {", "const xs = [1, 2,", "if (true) {"]

    code_generate_error = 'throw new Error("deliberate error");'

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": '"ab" + "c"', "result": "abc"},
        {"code": "[1, 2, 3].length", "result": "3"},
    ]
    code_display_data = [
        {"code": 'import * as tslab from "tslab";\ntslab.display.html("<b>bold</b>");', "mime": "text/html"},
        {"code": 'import * as tslab from "tslab";\ntslab.display.markdown("*hi*");', "mime": "text/markdown"},
    ]

    # Matches exactly one of the code_execute_result samples.
    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main()
