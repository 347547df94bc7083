#include "modules/sales/pdf/pdf_labels.hpp"

namespace comptoir::sales::pdf {

namespace {

// Column headers stay short: the numeric columns are sized to their content, and a long header
// would widen them at the expense of the description.
const Labels kFrench{
    .number_prefix = "N°",
    .colon = "\u00a0: ",
    .issue_date = "Date d'émission",
    .due_date = "Échéance",
    .client = "Client",
    .delivery_address = "Adresse de livraison",
    .subject = "Objet",
    .operation = "Opération",
    .operation_goods = "Livraison de biens",
    .operation_services = "Prestation de services",
    .operation_mixed = "Livraison de biens et prestation de services",
    .siren = "SIREN",
    .siret = "SIRET",
    .vat_number = "N° TVA",
    .share_capital = "au capital de",
    .col_reference = "Réf.",
    .col_description = "Désignation",
    .col_quantity = "Qté",
    .col_unit = "Unité",
    .col_unit_price = "P.U. HT",
    .col_discount = "Remise",
    .col_vat = "TVA",
    .col_total = "Total HT",
    .vat_rate = "Taux TVA",
    .vat_basis = "Base HT",
    .vat_amount = "Montant TVA",
    .payment = "Paiement",
    .payment_terms = "Conditions",
    .payment_due = "Échéance",
    .payment_method = "Mode de règlement",
    .bank = "Banque",
    .iban = "IBAN",
    .bic = "BIC",
    .notes = "Notes",
    .page = "Page",
};

const Labels kEnglish{
    .number_prefix = "No.",
    .colon = ": ",
    .issue_date = "Issue date",
    .due_date = "Due date",
    .client = "Customer",
    .delivery_address = "Delivery address",
    .subject = "Subject",
    .operation = "Operation",
    .operation_goods = "Supply of goods",
    .operation_services = "Supply of services",
    .operation_mixed = "Supply of goods and services",
    .siren = "SIREN",
    .siret = "SIRET",
    .vat_number = "VAT no.",
    .share_capital = "with a share capital of",
    .col_reference = "Ref.",
    .col_description = "Description",
    .col_quantity = "Qty",
    .col_unit = "Unit",
    .col_unit_price = "Unit price",
    .col_discount = "Disc.",
    .col_vat = "VAT",
    .col_total = "Amount",
    .vat_rate = "VAT rate",
    .vat_basis = "Net amount",
    .vat_amount = "VAT",
    .payment = "Payment",
    .payment_terms = "Terms",
    .payment_due = "Due date",
    .payment_method = "Method",
    .bank = "Bank",
    .iban = "IBAN",
    .bic = "BIC",
    .notes = "Notes",
    .page = "Page",
};

}  // namespace

const Labels& labels_for(Language language) { return language == Language::en ? kEnglish : kFrench; }

std::string page_label(const Labels& labels, int page, int pages) {
    return std::string(labels.page) + " " + std::to_string(page) + "/" + std::to_string(pages);
}

}  // namespace comptoir::sales::pdf
