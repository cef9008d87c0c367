;;; eglot_test.el --- Batch test: Emacs eglot (Debian's elpa-eglot 1.9) against `agentlens lsp'.
;; emacs --batch -l tests/editors/emacs/eglot_test.el
;; Env: AGENTLENS_BINARY (the server), AGENTLENS_WORKDIR (a git-initialised copy of a fixture app).
;; Starts eglot on app.py, waits for the diagnostics through flymake and checks the
;; swallowed-exception one (its text, line and level); exits 0 on success, 1 otherwise.

(require 'package)
(package-initialize)  ; Debian's elpa-* packages live in /usr/share/emacs/site-lisp/elpa
(require 'eglot)
(require 'flymake)
(require 'python)

(defvar agentlens-test-failures nil)
(defun agentlens-test-check (ok what)
  (unless ok (push what agentlens-test-failures)))

(let* ((binary (getenv "AGENTLENS_BINARY"))
       (workdir (file-name-as-directory (getenv "AGENTLENS_WORKDIR")))
       (file (expand-file-name "app.py" workdir))
       (eglot-server-programs `((python-mode . (,binary "lsp"))))
       (eglot-sync-connect t)
       (eglot-connect-timeout 30)
       (eglot-autoreconnect nil)
       (flymake-no-changes-timeout 0.5)
       (inhibit-message nil))
  (message "eglot %s, Emacs %s" (or (ignore-errors (package-desc-version (cadr (assq 'eglot package-alist)))) "?") emacs-version)
  (find-file file)
  (python-mode)
  (let* ((project (project-current nil workdir))
         (server (and project (eglot '(python-mode) project 'eglot-lsp-server (list binary "lsp") "python"))))
    (agentlens-test-check project "project.el found the git root of the fixture")
    (agentlens-test-check (and server (jsonrpc-running-p server)) "eglot connected to agentlens lsp")
    (agentlens-test-check (eglot-managed-p) "the buffer is managed by eglot")
    (agentlens-test-check (bound-and-true-p flymake-mode) "eglot switched flymake on")
    ;; Wait (up to 30 s) for flymake to hold the server's diagnostics. In batch mode no command
    ;; loop runs flymake's timers, so start a check the way its idle timer would.
    (let ((deadline (+ (float-time) 30)) swallowed)
      (while (and (not swallowed) (< (float-time) deadline))
        (flymake-start)
        (accept-process-output nil 0.2)
        (setq swallowed
              (seq-find (lambda (d) (string-match-p "\\[swallowed-exception\\]" (flymake-diagnostic-text d)))
                        (flymake-diagnostics))))
      (message "flymake diagnostics: %d" (length (flymake-diagnostics)))
      (dolist (d (flymake-diagnostics))
        (message "  %d: %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))
      (agentlens-test-check swallowed "a swallowed-exception diagnostic reached flymake")
      (when swallowed
        (agentlens-test-check (string-prefix-p "agentlens [swallowed-exception]: " (flymake-diagnostic-text swallowed))
                              "diagnostic text is `agentlens [swallowed-exception]: <message>'")
        (agentlens-test-check (memq (flymake-diagnostic-type swallowed) '(eglot-warning eglot-error eglot-note))
                              "the diagnostic has an eglot level")
        ;; It points at the bare `except:' of refund() in the fixture.
        (save-excursion
          (goto-char (flymake-diagnostic-beg swallowed))
          (agentlens-test-check (string-match-p "except" (thing-at-point 'line t))
                                (format "the diagnostic is on an except line, got: %s" (thing-at-point 'line t))))))
    (when server
      (let ((eglot-autoshutdown nil))
        (eglot-shutdown server)))
    (agentlens-test-check (not (and server (jsonrpc-running-p server))) "the server exited after eglot-shutdown")))

(if agentlens-test-failures
    (progn (message "FAILED:\n  %s" (mapconcat #'identity (reverse agentlens-test-failures) "\n  "))
           (kill-emacs 1))
  (message "emacs eglot test: all checks passed")
  (kill-emacs 0))
