# Exports the mock exam's extra time series from R's datasets package (r-base-core, GPL-2/3;
# see datasets/README.md for each series' origin) to datasets/exam/series.json.
# Run from the repository root: Rscript datasets/_build/export_exam_series.R
series <- list(
  nottem = list(values = as.numeric(datasets::nottem), start = "1920-01", step = "month",
                unit = "°F, average monthly air temperature at Nottingham Castle"),
  sunspot_year = list(values = as.numeric(datasets::sunspot.year), start = "1700", step = "year",
                unit = "yearly mean sunspot number")
)
json <- paste0("{", paste(sprintf('"%s":{"start":"%s","step":"%s","unit":"%s","values":[%s]}',
  names(series), sapply(series, `[[`, "start"), sapply(series, `[[`, "step"), sapply(series, `[[`, "unit"),
  sapply(series, function(s) paste(format(s$values, trim = TRUE, digits = 10), collapse = ","))), collapse = ","), "}")
writeLines(json, "datasets/exam/series.json")
