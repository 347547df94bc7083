// Checks and normalises a catalog item before it is stored: every wrong field is reported at once,
// named as the API names it ("unit_price", "vat.exemption"), in French and English.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "modules/catalog/model/catalog_item.hpp"

namespace comptoir::catalog {

inline constexpr std::size_t kMaxReference = 40;    // code points
inline constexpr std::size_t kMaxLabel = 200;
inline constexpr std::size_t kMaxDescription = 5000;
inline constexpr std::size_t kMaxUnit = 20;
inline constexpr std::size_t kMaxCategory = 60;

// Trims, collapses whitespace in one-line fields, and reports every problem: reference, label and
// unit required; lengths; UTF-8; prices ≥ 0 and below one billion; the VAT rules of
// sales::check_vat_rate, under "vat.rate" or "vat.exemption" (the part the person has to change).
std::vector<FieldIssue> normalise_item(CatalogItem& item);

// What a person or an API client says about an item's VAT, each part optional (absent: unchanged).
struct VatInput {
    std::optional<std::string> category;   // EN 16931 code: "S", "Z", "E", "AE", "K", "G", "O"
    std::optional<std::string> rate;       // "20", "5,5", "0"
    std::optional<std::string> exemption;  // "franchise_en_base"…; "" or "none" for no reason
};

// Applies `input` on top of `vat`, filling in what the given parts imply, so that a client may send
// only what it knows: a reason sets its category and 0 %; a positive rate alone means the standard
// category; a category other than S and Z alone means 0 %. Parts that cannot be read are reported
// (vat.category, vat.rate, vat.exemption); whether the result is a valid combination is
// normalise_item's business.
std::vector<FieldIssue> apply_vat_input(sales::VatRate& vat, const VatInput& input);

// The field a sales::check_vat_rate issue belongs to: "vat.rate" or "vat.exemption".
std::string vat_issue_field(const std::string& code);

// Collapses every run of whitespace (including newlines and tabs) into one space and trims.
std::string one_line(std::string_view text);

}  // namespace comptoir::catalog
