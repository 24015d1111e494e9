;;; emacs.el --- docbits in batch Emacs with eglot  -*- lexical-binding: t -*-
;; Emacs 28 with Debian's eglot 1.9 runs `dist/server.js --stdio` as docs/editors.md configures it. It opens
;; DOCBITS_FILE, waits for flymake's diagnostics, applies the first one's "Add docstring" quick fix, then the
;; "Add docstrings" source action, hovers DOCBITS_HOVER (line:character, 1-based line), asks docbits/fileCoverage,
;; shuts the server down, and writes what it saw to DOCBITS_OUT as JSON (the shape of neovim.lua's).
;; Debian installs ELPA packages (eglot and the newer project and xref it needs) here; -Q skips site-lisp.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")) (add-to-list (quote load-path) dir))
(require 'eglot)
(require 'json)
(defvar docbits-result nil)
(defun docbits-put (key value) (push (cons key value) docbits-result))
(defun docbits-wait (pred seconds)
  "Wait up to SECONDS for PRED. Idle timers never fire in batch, so this sends eglot's pending changes and\nstarts flymake as their idle timers would."
  (let ((deadline (+ (float-time) seconds)) (next-start 0))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (when (and flymake-mode (> (float-time) next-start))
        (when eglot--managed-mode (eglot--signal-textDocument/didChange))
        (flymake-start)
        (setq next-start (+ (float-time) 0.2)))
      (accept-process-output nil 0.05))
    (funcall pred)))
(defun docbits-diagnostics ()
  "Flymake's diagnostics of the buffer as [[LINE TEXT TYPE] ...], by line."
  (vconcat (sort (mapcar (lambda (d) (vector (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)
                                             (symbol-name (flymake-diagnostic-type d))))
                         (flymake-diagnostics))
                 (lambda (a b) (< (aref a 0) (aref b 0))))))
(let ((server (getenv "DOCBITS_SERVER")) (file (getenv "DOCBITS_FILE")) (errors '()))
  (add-to-list 'eglot-server-programs `(python-mode "node" ,server "--stdio"))
  (setq-default eglot-workspace-configuration '(:docbits (:severity "warning")))
  (find-file file)
  (python-mode)
  (condition-case err
      (progn
        (apply #'eglot--connect (eglot--guess-contact))
        (unless (docbits-wait (lambda () (flymake-diagnostics)) 20) (push "no diagnostics within 20 s" errors))
        (docbits-put 'diagnostics (docbits-diagnostics))
        (let* ((first (car (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
               (actions (and first (eglot-code-actions (flymake-diagnostic-beg first) (flymake-diagnostic-end first) "quickfix"))))
          (docbits-put 'quickFixes (vconcat (mapcar (lambda (a) (plist-get a :title)) actions)))
          (when actions
            (let ((before (length (flymake-diagnostics))))
              (eglot--apply-workspace-edit (plist-get (car actions) :edit))
              (docbits-wait (lambda () (= (length (flymake-diagnostics)) (1- before))) 10)
              (docbits-put 'afterQuickFix (docbits-diagnostics)))))
        (let ((all (eglot-code-actions (point-min) (point-min) "source.docbits.addAllDocstrings")))
          (docbits-put 'sourceActions (vconcat (mapcar (lambda (a) (plist-get a :title)) all)))
          (when all (eglot--apply-workspace-edit (plist-get (car all) :edit)))
          (docbits-wait (lambda () (null (flymake-diagnostics))) 10)
          (docbits-put 'afterSourceAction (docbits-diagnostics)))
        (docbits-put 'text (buffer-substring-no-properties (point-min) (point-max)))
        (let* ((hover (getenv "DOCBITS_HOVER"))
               (pos (and hover (string-match "\\`\\([0-9]+\\):\\([0-9]+\\)\\'" hover)
                         (list :line (1- (string-to-number (match-string 1 hover))) :character (string-to-number (match-string 2 hover))))))
          (when pos
            (let ((answer (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                           (list :textDocument (eglot--TextDocumentIdentifier) :position pos))))
              (docbits-put 'hover (plist-get (plist-get answer :contents) :value)))))
        (docbits-put 'fileCoverage (jsonrpc-request (eglot--current-server-or-lose) :docbits/fileCoverage
                                                    (list :uri (eglot--path-to-uri file))))
        ;; eglot-shutdown fails if `shutdown' is not answered within 1.5 s; after `exit' it kills the process at
        ;; once (jsonrpc-shutdown), so its exit status is eglot's SIGKILL, not the server's.
        (let ((server (eglot--current-server-or-lose)))
          (docbits-put 'stderr (with-current-buffer (jsonrpc-stderr-buffer server) (buffer-string)))
          (eglot-shutdown server)
          (docbits-put 'shutdown t)))
    (error (push (format "%S" err) errors)))
  (docbits-put 'errors (vconcat (reverse errors)))
  (with-temp-file (getenv "DOCBITS_OUT")
    (insert (json-encode docbits-result)))
  (kill-emacs 0))
