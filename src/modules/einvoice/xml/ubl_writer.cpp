// UBL 2.1 as EN 16931 binds it. The element order is the schema's; amounts carry their currency.
#include "modules/einvoice/xml/ubl.hpp"

#include "modules/einvoice/xml/xml_writer.hpp"

namespace comptoir::einvoice::xml {
namespace {

class UblWriter {
public:
    explicit UblWriter(const Invoice& inv) : inv_(inv), credit_(is_credit_note_type(inv.type_code)) {}

    std::string write() {
        const char* root = credit_ ? "CreditNote" : "Invoice";
        w_.start(root);
        w_.attribute("xmlns", std::string("urn:oasis:names:specification:ubl:schema:xsd:") + root + "-2");
        w_.attribute("xmlns:cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");
        w_.attribute("xmlns:cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
        w_.element("cbc:CustomizationID", guideline_id(inv_.profile));
        w_.element("cbc:ProfileID", inv_.business_process);
        w_.element("cbc:ID", inv_.number, false);
        w_.element("cbc:IssueDate", inv_.issue_date, false);
        if (!credit_) w_.element("cbc:DueDate", inv_.due_date);
        w_.element(credit_ ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode", inv_.type_code, false);
        for (const auto& n : inv_.notes) w_.element("cbc:Note", n.subject.empty() ? n.text : "#" + n.subject + "#" + n.text);
        w_.element("cbc:DocumentCurrencyCode", inv_.currency, false);
        w_.element("cbc:AccountingCost", inv_.buyer_accounting_ref);
        w_.element("cbc:BuyerReference", inv_.buyer_reference);
        period("cac:InvoicePeriod", inv_.period_start, inv_.period_end, ubl_vat_point_code(inv_.vat_point_date_code));
        id_only("cac:OrderReference", inv_.order_reference);
        for (const auto& p : inv_.preceding) {
            w_.start("cac:BillingReference");
            w_.start("cac:InvoiceDocumentReference");
            w_.element("cbc:ID", p.number, false);
            w_.element("cbc:IssueDate", p.issue_date);
            w_.end();
            w_.end();
        }
        id_only("cac:ContractDocumentReference", inv_.contract_reference);
        id_only("cac:ProjectReference", inv_.project_reference);
        w_.start("cac:AccountingSupplierParty");
        party(inv_.seller, true);
        w_.end();
        w_.start("cac:AccountingCustomerParty");
        party(inv_.buyer, false);
        w_.end();
        delivery();
        payment();
        for (const auto& a : inv_.allowances_charges) allowance_charge(a, true);
        tax_total();
        monetary_total();
        for (const auto& l : inv_.lines) line(l);
        w_.end();
        return w_.finish();
    }

private:
    void amount(std::string_view element, Decimal value) { w_.element_with(element, "currencyID", inv_.currency, amount_text(value)); }

    void id_only(std::string_view element, const std::string& id) {
        if (id.empty()) return;
        w_.start(element);
        w_.element("cbc:ID", id);
        w_.end();
    }

    void period(std::string_view element, const std::string& start, const std::string& end,
                const std::string& description_code = "") {
        if (start.empty() && end.empty() && description_code.empty()) return;
        w_.start(element);
        w_.element("cbc:StartDate", start);
        w_.element("cbc:EndDate", end);
        w_.element("cbc:DescriptionCode", description_code);
        w_.end();
    }

    void address(std::string_view element, const Address& a) {
        w_.start(element);
        w_.element("cbc:StreetName", a.line1);
        w_.element("cbc:AdditionalStreetName", a.line2);
        w_.element("cbc:CityName", a.city);
        w_.element("cbc:PostalZone", a.postal_code);
        w_.element("cbc:CountrySubentity", a.subdivision);
        if (!a.line3.empty()) {
            w_.start("cac:AddressLine");
            w_.element("cbc:Line", a.line3);
            w_.end();
        }
        w_.start("cac:Country");
        w_.element("cbc:IdentificationCode", a.country, false);
        w_.end();
        w_.end();
    }

    void tax_category(std::string_view element, const std::string& category, const std::optional<Decimal>& rate,
                      const std::string& exemption_code = "", const std::string& exemption_reason = "") {
        w_.start(element);
        w_.element("cbc:ID", category, false);
        if (rate) w_.element("cbc:Percent", decimal_text(*rate, 2));
        w_.element("cbc:TaxExemptionReasonCode", exemption_code);
        w_.element("cbc:TaxExemptionReason", exemption_reason);
        w_.start("cac:TaxScheme");
        w_.element("cbc:ID", "VAT");
        w_.end();
        w_.end();
    }

    void party(const Party& p, bool seller) {
        w_.start("cac:Party");
        if (!p.electronic_address.value.empty())
            w_.element_with("cbc:EndpointID", "schemeID", p.electronic_address.scheme, p.electronic_address.value);
        for (const auto& id : p.ids) {
            w_.start("cac:PartyIdentification");
            w_.element_with("cbc:ID", "schemeID", id.scheme, id.value);
            w_.end();
        }
        if (!p.trading_name.empty()) {
            w_.start("cac:PartyName");
            w_.element("cbc:Name", p.trading_name);
            w_.end();
        }
        address("cac:PostalAddress", p.address);
        if (!p.vat_id.empty()) {
            w_.start("cac:PartyTaxScheme");
            w_.element("cbc:CompanyID", p.vat_id);
            w_.start("cac:TaxScheme");
            w_.element("cbc:ID", "VAT");
            w_.end();
            w_.end();
        }
        if (seller && !p.tax_registration_id.empty()) {
            w_.start("cac:PartyTaxScheme");
            w_.element("cbc:CompanyID", p.tax_registration_id);
            w_.start("cac:TaxScheme");
            w_.element("cbc:ID", "FC");
            w_.end();
            w_.end();
        }
        w_.start("cac:PartyLegalEntity");
        w_.element("cbc:RegistrationName", p.name, false);
        if (!p.legal_id.value.empty()) w_.element_with("cbc:CompanyID", "schemeID", p.legal_id.scheme, p.legal_id.value);
        if (seller) w_.element("cbc:CompanyLegalForm", p.legal_info);
        w_.end();
        if (!p.contact_name.empty() || !p.contact_phone.empty() || !p.contact_email.empty()) {
            w_.start("cac:Contact");
            w_.element("cbc:Name", p.contact_name);
            w_.element("cbc:Telephone", p.contact_phone);
            w_.element("cbc:ElectronicMail", p.contact_email);
            w_.end();
        }
        w_.end();
    }

    void delivery() {
        if (!inv_.delivery_address && inv_.delivery_date.empty()) return;
        w_.start("cac:Delivery");
        w_.element("cbc:ActualDeliveryDate", inv_.delivery_date);
        if (inv_.delivery_address) {
            w_.start("cac:DeliveryLocation");
            address("cac:Address", *inv_.delivery_address);
            w_.end();
        }
        if (!inv_.delivery_name.empty()) {
            w_.start("cac:DeliveryParty");
            w_.start("cac:PartyName");
            w_.element("cbc:Name", inv_.delivery_name);
            w_.end();
            w_.end();
        }
        w_.end();
    }

    void payment() {
        const auto& p = inv_.payment;
        if (!p.means_code.empty() || (credit_ && !inv_.due_date.empty())) {
            w_.start("cac:PaymentMeans");
            w_.element_with("cbc:PaymentMeansCode", "name", p.means_text, p.means_code.empty() ? "1" : p.means_code);
            if (credit_) w_.element("cbc:PaymentDueDate", inv_.due_date);
            w_.element("cbc:PaymentID", p.remittance);
            if (!p.iban.empty()) {
                w_.start("cac:PayeeFinancialAccount");
                w_.element("cbc:ID", p.iban);
                w_.element("cbc:Name", p.account_name);
                if (!p.bic.empty()) {
                    w_.start("cac:FinancialInstitutionBranch");
                    w_.element("cbc:ID", p.bic);
                    w_.end();
                }
                w_.end();
            }
            if (!p.mandate.empty() || !p.debtor_iban.empty()) {
                w_.start("cac:PaymentMandate");
                w_.element("cbc:ID", p.mandate);
                if (!p.debtor_iban.empty()) {
                    w_.start("cac:PayerFinancialAccount");
                    w_.element("cbc:ID", p.debtor_iban);
                    w_.end();
                }
                w_.end();
            }
            w_.end();
        }
        if (!p.terms.empty()) {
            w_.start("cac:PaymentTerms");
            w_.element("cbc:Note", p.terms);
            w_.end();
        }
    }

    void allowance_charge(const AllowanceCharge& a, bool document_level) {
        w_.start("cac:AllowanceCharge");
        w_.element("cbc:ChargeIndicator", a.charge ? "true" : "false");
        w_.element("cbc:AllowanceChargeReasonCode", a.reason_code);
        w_.element("cbc:AllowanceChargeReason", a.reason);
        if (a.percent) w_.element("cbc:MultiplierFactorNumeric", decimal_text(*a.percent, 2));
        amount("cbc:Amount", a.amount);
        if (a.base) amount("cbc:BaseAmount", *a.base);
        if (document_level) tax_category("cac:TaxCategory", a.vat_category, a.vat_rate);
        w_.end();
    }

    void tax_total() {
        w_.start("cac:TaxTotal");
        amount("cbc:TaxAmount", inv_.totals.tax_amount.value_or(Decimal{}));
        for (const auto& v : inv_.vat) {
            w_.start("cac:TaxSubtotal");
            amount("cbc:TaxableAmount", v.taxable_amount);
            amount("cbc:TaxAmount", v.tax_amount);
            tax_category("cac:TaxCategory", v.category, v.rate, v.exemption_code, v.exemption_reason);
            w_.end();
        }
        w_.end();
    }

    void monetary_total() {
        const auto& t = inv_.totals;
        w_.start("cac:LegalMonetaryTotal");
        amount("cbc:LineExtensionAmount", t.line_net.value_or(Decimal{}));
        amount("cbc:TaxExclusiveAmount", t.tax_exclusive);
        amount("cbc:TaxInclusiveAmount", t.tax_inclusive);
        if (t.allowances) amount("cbc:AllowanceTotalAmount", *t.allowances);
        if (t.charges) amount("cbc:ChargeTotalAmount", *t.charges);
        if (t.prepaid) amount("cbc:PrepaidAmount", *t.prepaid);
        if (t.rounding) amount("cbc:PayableRoundingAmount", *t.rounding);
        amount("cbc:PayableAmount", t.payable);
        w_.end();
    }

    void line(const Line& l) {
        w_.start(credit_ ? "cac:CreditNoteLine" : "cac:InvoiceLine");
        w_.element("cbc:ID", l.id, false);
        w_.element("cbc:Note", l.note);
        w_.element_with(credit_ ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", "unitCode", l.unit_code, decimal_text(l.quantity, 0));
        amount("cbc:LineExtensionAmount", l.net_amount);
        period("cac:InvoicePeriod", l.period_start, l.period_end);
        if (!l.order_line_ref.empty()) {
            w_.start("cac:OrderLineReference");
            w_.element("cbc:LineID", l.order_line_ref);
            w_.end();
        }
        for (const auto& a : l.allowances_charges) allowance_charge(a, false);
        w_.start("cac:Item");
        w_.element("cbc:Description", l.description);
        w_.element("cbc:Name", l.name, false);
        if (!l.seller_item_id.empty()) {
            w_.start("cac:SellersItemIdentification");
            w_.element("cbc:ID", l.seller_item_id);
            w_.end();
        }
        tax_category("cac:ClassifiedTaxCategory", l.vat_category, l.vat_rate);
        w_.end();
        w_.start("cac:Price");
        w_.element_with("cbc:PriceAmount", "currencyID", inv_.currency, decimal_text(l.net_price, 2));
        if (l.base_quantity) w_.element_with("cbc:BaseQuantity", "unitCode", l.unit_code, decimal_text(*l.base_quantity, 0));
        if (l.price_discount) {
            w_.start("cac:AllowanceCharge");
            w_.element("cbc:ChargeIndicator", "false");
            w_.element_with("cbc:Amount", "currencyID", inv_.currency, decimal_text(*l.price_discount, 2));
            if (l.gross_price) w_.element_with("cbc:BaseAmount", "currencyID", inv_.currency, decimal_text(*l.gross_price, 2));
            w_.end();
        }
        w_.end();
        w_.end();
    }

    const Invoice& inv_;
    const bool credit_;
    XmlWriter w_;
};

}  // namespace

std::string write_ubl(const Invoice& invoice) { return UblWriter(invoice).write(); }

std::string ubl_vat_point_code(const std::string& cii_code) {
    if (cii_code == "5") return "3";
    if (cii_code == "29") return "35";
    if (cii_code == "72") return "432";
    return cii_code;
}

std::string cii_vat_point_code(const std::string& ubl_code) {
    if (ubl_code == "3") return "5";
    if (ubl_code == "35") return "29";
    if (ubl_code == "432") return "72";
    return ubl_code;
}

}  // namespace comptoir::einvoice::xml
