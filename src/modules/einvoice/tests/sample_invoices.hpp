// Issued documents for the e-invoicing tests, one per document type and VAT situation, built as the
// sales service freezes them at validation (parties as JSON, totals from compute_totals).
#pragma once

#include <string>
#include <vector>

#include "modules/einvoice/model/from_document.hpp"
#include "modules/sales/domain/totals.hpp"
#include "modules/sales/model/document.hpp"

namespace comptoir::einvoice::test {

struct Sample {
    std::string name;  // "mixed_rates", "franchise_en_base"…
    sales::Document document;
    sales::Totals totals;
    EmissionContext context;
};

// Every situation the issue lists: mixed rates with a discount, exemptions with their reasons,
// intra-EU reverse charge, intra-community supply, export, franchise en base, a deposit and its
// final invoice, two situations with a retention, a credit note, a public-sector buyer.
std::vector<Sample> samples();
Sample sample(const std::string& name);

// The shared e-invoicing folder (schemas, examples), or "" when it is not there.
std::string shared_dir();

}  // namespace comptoir::einvoice::test
