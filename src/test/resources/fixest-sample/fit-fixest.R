# Fits the project's default models (CONTRACT.md v2, conf/application.conf estimate.models) with R
# fixest on the frozen sample panel and writes expected.csv beside this script.
# Run from the repository root:  Rscript src/test/resources/fixest-sample/fit-fixest.R
# The panel is panel.csv.gz (the sample's panel.csv, model columns only; see README.md).
suppressPackageStartupMessages(library(fixest))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
panel <- read.csv(gzfile(file.path(here, "panel.csv.gz")), colClasses = c(
  destination = "character", origin = "character", month = "character", arrivals = "numeric"))

# waiver_by(VNM, THA, LAO): one slope on waiver_share per listed destination and one for the rest.
compared <- c("VNM", "THA", "LAO")
for (d in compared) panel[[paste0("waiver_", d)]] <- panel$waiver_share * (panel$destination == d)
panel$waiver_other <- panel$waiver_share * !(panel$destination %in% compared)
rhs <- paste("waiver_VNM + waiver_THA + waiver_LAO + waiver_other + stay_log + evisa_share",
             "+ voa_share + advisory_national_level + advisory_regional_level",
             "| origin^destination + destination^month + origin^month")
cluster <- ~origin^destination

# Convergence: fixest's defaults (fixef.tol 1e-6, glm.tol 1e-8) and tight (1e-11 / 1e-11, as close
# to the exact solution as fixest allows: it refuses fixef.tol below 2.2e-12; the golden test
# compares with these).
settings <- list(default = list(fixef.tol = 1e-6, glm.tol = 1e-8),
                 tight = list(fixef.tol = 1e-11, glm.tol = 1e-11))
# fixef.rm: fixest's default since 0.14.0, "perfect_fit", removes singletons and (fepois) the
# fixed-effect levels whose outcomes are all zero, as our estimator's default
# (estimate.drop-singletons = true); "infinite_coef" (fepois) / "none" (feols) keep singletons, as
# fixest before 0.14 and our estimate.drop-singletons = false.
rows <- list()
for (s in names(settings)) {
  for (rm in c("keep", "drop")) {
    st <- settings[[s]]
    pois <- fepois(as.formula(paste("arrivals ~", rhs)), data = panel, vcov = cluster,
                   fixef.tol = st$fixef.tol, glm.tol = st$glm.tol, glm.iter = 1000,
                   fixef.iter = 100000, fixef.rm = if (rm == "drop") "perfect_fit" else "infinite_coef")
    pos <- panel[!is.na(panel$arrivals) & panel$arrivals > 0, ]
    ols <- feols(as.formula(paste("log(arrivals) ~", rhs)), data = pos, vcov = cluster,
                 fixef.tol = st$fixef.tol, fixef.iter = 100000,
                 fixef.rm = if (rm == "drop") "perfect_fit" else "none")
    for (m in list(list(name = "ppml", fit = pois), list(name = "ols", fit = ols))) {
      ct <- coeftable(m$fit)
      rows[[length(rows) + 1]] <- data.frame(
        model = m$name, convergence = s, singletons = rm,
        term = sub("^waiver_", "waiver:", rownames(ct)),
        estimate = sprintf("%.17g", ct[, 1]), std_error = sprintf("%.17g", ct[, 2]),
        nobs = nobs(m$fit), iterations = if (m$name == "ppml") m$fit$iterations else NA,
        clusters = unname(m$fit$fixef_sizes["origin^destination"]),
        call = paste0(if (m$name == "ppml") "fepois(arrivals ~ " else "feols(log(arrivals) ~ ",
                      rhs, ", vcov = ~origin^destination, fixef.tol = ", st$fixef.tol,
                      if (m$name == "ppml") paste0(", glm.tol = ", st$glm.tol) else "",
                      ", fixef.rm = '", if (rm == "drop") "perfect_fit" else {
                        if (m$name == "ppml") "infinite_coef" else "none" }, "')",
                      if (m$name == "ols") " on rows with arrivals > 0" else ""))
    }
  }
}
out <- do.call(rbind, rows)
write.csv(out, file.path(here, "expected.csv"), row.names = FALSE, quote = TRUE)
cat("R", R.version$major, ".", R.version$minor, ", fixest ", as.character(packageVersion("fixest")),
    ", ", format(Sys.time(), tz = "UTC", usetz = TRUE), "\n", sep = "")
print(out[, c("model", "convergence", "singletons", "term", "estimate", "std_error", "nobs")])
