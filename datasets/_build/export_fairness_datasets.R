# Export the two datasets of lab 20 (responsible AI) to CSV.
#   carData::Arrests        (r-cran-cardata 3.0-5, GPL (>= 2)) -> arrests.csv
#   datasets::UCBAdmissions (r-base-core 4.2.2, GPL-2/3)       -> ucb_admissions.csv
# Usage: Rscript export_fairness_datasets.R OUTDIR   (OUTDIR = datasets/tabular)
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else "."
dir.create(out, showWarnings = FALSE, recursive = TRUE)
suppressPackageStartupMessages(library(carData))

# Arrests: the 8 columns as R has them (factor levels as text), plus `target`:
# 1 = released with a summons (released == "Yes"), 0 = not.
ar <- Arrests
ar$target <- as.integer(ar$released == "Yes")
write.csv(ar, file.path(out, "arrests.csv"), row.names = FALSE, quote = FALSE)

# UCBAdmissions: the 2 x 2 x 6 table in long form, one row per cell (24 rows).
ucb <- as.data.frame(UCBAdmissions, stringsAsFactors = FALSE)
names(ucb) <- c("admit", "gender", "dept", "count")
write.csv(ucb, file.path(out, "ucb_admissions.csv"), row.names = FALSE, quote = FALSE)
cat("R", R.version.string, "; carData", as.character(packageVersion("carData")), "\n")
