# Reference values for TauPosteriorTest, computed independently of the Java (TauPosterior):
# adaptive quadrature (integrate) over tau instead of a grid, closed-form restricted likelihood.
# Model: b ~ N(mu 1, V + tau^2 I), flat prior on mu, half-normal(scale) prior on tau.
# Run: Rscript tau_posterior_reference.R > tau_posterior_reference.csv   (R 4.2, base only)
cases <- list(
  # the hand-computed sample of RandomEffectsSummaryTest (uncorrelated, DL tau2 = 0.0211)
  list(name = "sample_v1", b = c(0.188, 0.441, 0.505), se = c(0.024, 0.016, 0.019), rho = 0, scale = 0.5),
  # wide, correlated SEs: DerSimonian-Laird gives tau2 = 0
  list(name = "dl_zero", b = c(0.20, 0.45, 0.50), se = c(0.25, 0.30, 0.28), rho = 0.3, scale = 0.5),
  list(name = "dl_zero_s0.1", b = c(0.20, 0.45, 0.50), se = c(0.25, 0.30, 0.28), rho = 0.3, scale = 0.1)
)
gls <- function(b, V, tau) {
  W <- solve(V + diag(tau^2, length(b)))
  one <- rep(1, length(b))
  s11 <- sum(W)
  list(mu = sum(W %*% b) / s11, var = 1 / s11,
       logml = -0.5 * as.numeric(determinant(V + diag(tau^2, length(b)))$modulus) - 0.5 * log(s11)
               - 0.5 * (t(b) %*% W %*% b - sum(W %*% b)^2 / s11)[1, 1])
}
dl_tau2 <- function(b, v) {
  w <- 1 / v; yb <- sum(w * b) / sum(w); q <- sum(w * (b - yb)^2)
  max(0, (q - (length(b) - 1)) / (sum(w) - sum(w^2) / sum(w)))
}
cat("case,scale,dl_tau2,tau_median,mu_mean,pred_q025,pred_q10,pred_q50,pred_q90,pred_q975\n")
for (cs in cases) {
  V <- outer(cs$se, cs$se) * ifelse(diag(3) == 1, 1, cs$rho)
  s <- cs$scale
  ref <- gls(cs$b, V, 0)$logml
  dens <- Vectorize(function(t) exp(gls(cs$b, V, t)$logml - ref) * dnorm(t, 0, s))
  upper <- 10 * s
  opts <- list(rel.tol = 1e-10, abs.tol = 0, subdivisions = 1000L)
  norm <- do.call(integrate, c(list(dens, 0, upper), opts))$value
  tcdf <- function(x) do.call(integrate, c(list(dens, 0, x), opts))$value / norm
  tmed <- uniroot(function(x) tcdf(x) - 0.5, c(1e-9, upper), tol = 1e-12)$root
  mumean <- do.call(integrate, c(list(Vectorize(function(t) dens(t) * gls(cs$b, V, t)$mu), 0, upper), opts))$value / norm
  pcdf <- function(x) do.call(integrate, c(list(Vectorize(function(t) {
    g <- gls(cs$b, V, t); dens(t) * pnorm(x, g$mu, sqrt(g$var + t^2)) }), 0, upper), opts))$value / norm
  q <- sapply(c(0.025, 0.1, 0.5, 0.9, 0.975), function(p) uniroot(function(x) pcdf(x) - p, c(-5, 5), tol = 1e-12)$root)
  cat(sprintf("%s,%s,%.12g,%.12g,%.12g,%s\n", cs$name, s, dl_tau2(cs$b, cs$se^2), tmed, mumean,
              paste(sprintf("%.12g", q), collapse = ",")))
}
