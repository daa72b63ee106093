"""jupyter_kernel_test's suite, configured for conclab's TypeScript kernel.

Run by test/conformance.test.ts with JUPYTER_DATA_DIR pointing at a folder where the kernelspec
was installed; every test must pass and none may be skipped.
"""
import unittest

import jupyter_kernel_test as jkt


class ConclabKernelTests(jkt.KernelTests):
    kernel_name = "conclab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("some error")'
    completion_samples = [
        {"text": "Math.ma", "matches": {"max"}},
        {"text": "const greeting = 'hi'; greeting.toUpper", "matches": {"toUpperCase"}},
    ]
    complete_code_samples = ["1 + 1", "const x = 1;", "function f() { return 1; }"]
    incomplete_code_samples = ["if (true) {", "function f() {", "const list = ["]
    invalid_code_samples = ["const = 3;", "let 1x = 2;"]
    code_page_something = "Math.max?"
    code_generate_error = 'throw new Error("boom")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'conclab'.length", "result": "7"},
        {"code": "[1, 2].map((n) => n * 2)", "result": "[ 2, 4 ]"},
    ]
    code_display_data = [
        {"code": 'import { display } from "conclab"; display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'import { display } from "conclab"; display.markdown("# title")', "mime": "text/markdown"},
    ]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 ?*"
    code_inspect_sample = "Math.max"
    code_clear_output = 'import { clear } from "conclab"; clear()'


if __name__ == "__main__":
    unittest.main()
