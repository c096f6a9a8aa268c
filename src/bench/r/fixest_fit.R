# One fixest fit for scripts/bench-estimate --vs-fixest, in a fresh R process:
#   Rscript src/bench/r/fixest_fit.R PANEL.csv "FORMULA" "VCOV" THREADS
# FORMULA and VCOV are the project's (conf/application.conf estimate.models): waiver_by(A, B, ...)
# becomes one column waiver_share x [destination = A] per listed destination plus waiver_other,
# cluster(a^b, c) becomes ~a^b + c; the rest of the grammar is fixest's. Reads the panel first
# (data.table::fread, the columns the formula needs), then times only fepois() (fixest's default
# convergence and fixef.rm). Prints key value lines: fit_seconds, fit_cpu_seconds (user + system
# time of all the process's threads during the fit), peak_rss_mb (VmHWM of this process,
# the whole run: what /usr/bin/time -v reports as maximum resident set size), nobs, iterations,
# threads, and one `coef TERM ESTIMATE STD_ERROR` line per coefficient (terms named as ours).
suppressPackageStartupMessages({ library(fixest); library(data.table) })
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) stop("usage: fixest_fit.R PANEL.csv FORMULA VCOV THREADS")
panel_file <- args[1]; formula <- args[2]; vcov_spec <- args[3]; threads <- as.integer(args[4])

lhs_rhs <- strsplit(formula, "~", fixed = TRUE)[[1]]
waiver <- regmatches(formula, regexec("waiver_by\\(([^)]*)\\)", formula))[[1]]
compared <- if (length(waiver)) trimws(strsplit(waiver[2], ",")[[1]]) else character(0)
waiver_terms <- c(paste0("waiver_", compared), if (length(compared)) "waiver_other")
fixest_formula <- if (length(compared)) {
  sub("waiver_by\\([^)]*\\)", paste(waiver_terms, collapse = " + "), formula)
} else formula
names_in <- all.vars(as.formula(gsub("\\^", "+", fixest_formula)))
needed <- unique(c(setdiff(names_in, waiver_terms), if (length(compared)) c("waiver_share", "destination")))
text_cols <- intersect(needed, c("destination", "origin", "month", "source"))
panel <- fread(panel_file, select = needed, colClasses = list(character = text_cols))
for (d in compared) set(panel, j = paste0("waiver_", d), value = panel$waiver_share * (panel$destination == d))
if (length(compared)) set(panel, j = "waiver_other", value = panel$waiver_share * !(panel$destination %in% compared))

cluster <- regmatches(vcov_spec, regexec("^cluster\\((.*)\\)$", vcov_spec))[[1]]
vcov <- if (length(cluster)) as.formula(paste("~", gsub(",", "+", cluster[2]))) else vcov_spec
invisible(gc())
c0 <- proc.time()
t0 <- Sys.time()
fit <- fepois(as.formula(fixest_formula), data = panel, vcov = vcov, nthreads = threads)
t1 <- Sys.time()
c1 <- proc.time() - c0
status <- readLines("/proc/self/status")
hwm_kb <- as.numeric(gsub("[^0-9]", "", status[grepl("^VmHWM", status)]))
cat("fit_seconds", format(as.numeric(t1 - t0, units = "secs"), digits = 6), "\n")
cat("fit_cpu_seconds", format(unname(c1["user.self"] + c1["sys.self"]), digits = 6), "\n")
cat("peak_rss_mb", round(hwm_kb / 1024), "\n")
cat("nobs", nobs(fit), "\n")
cat("iterations", fit$iterations, "\n")
cat("threads", threads, "\n")
ct <- coeftable(fit)
for (i in seq_len(nrow(ct))) {
  cat("coef", sub("^waiver_", "waiver:", rownames(ct)[i]), sprintf("%.17g", ct[i, 1]), sprintf("%.17g", ct[i, 2]), "\n")
}
