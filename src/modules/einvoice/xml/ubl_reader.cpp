// UBL 2.1 Invoice and CreditNote into the EN 16931 model.
#include <libxml/tree.h>

#include "modules/einvoice/xml/reader_support.hpp"
#include "modules/einvoice/xml/ubl.hpp"

namespace comptoir::einvoice::xml {
namespace {

class UblReader {
public:
    UblReader(XmlDocument& doc, ParsedInvoice& out) : d_(doc), out_(out), values_(out.issues) {
        d_.ns("cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2");
        d_.ns("cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
        credit_ = d_.root_name() == "CreditNote";
    }

    void read() {
        Invoice& inv = out_.invoice;
        xmlNode* r = d_.root();
        const std::string customization = d_.text(r, "cbc:CustomizationID");
        inv.profile = profile_of_guideline(customization).value_or(Profile::En16931);
        inv.profile_recognised = profile_of_guideline(customization).has_value();
        inv.business_process = d_.text(r, "cbc:ProfileID");
        inv.number = d_.text(r, "cbc:ID");
        inv.issue_date = values_.iso_date(d_.text(r, "cbc:IssueDate"), "BT-2");
        inv.due_date = values_.iso_date(d_.text(r, "cbc:DueDate"), "BT-9");
        inv.type_code = d_.text(r, credit_ ? "cbc:CreditNoteTypeCode" : "cbc:InvoiceTypeCode");
        if (inv.type_code.empty() && credit_) inv.type_code = "381";
        for (xmlNode* n : d_.nodes(r, "cbc:Note")) inv.notes.push_back(note(XmlDocument::content(n)));
        inv.currency = d_.text(r, "cbc:DocumentCurrencyCode");
        inv.buyer_accounting_ref = d_.text(r, "cbc:AccountingCost");
        inv.buyer_reference = d_.text(r, "cbc:BuyerReference");
        inv.period_start = values_.iso_date(d_.text(r, "cac:InvoicePeriod/cbc:StartDate"), "BT-73");
        inv.period_end = values_.iso_date(d_.text(r, "cac:InvoicePeriod/cbc:EndDate"), "BT-74");
        inv.vat_point_date_code = cii_vat_point_code(d_.text(r, "cac:InvoicePeriod/cbc:DescriptionCode"));
        inv.order_reference = d_.text(r, "cac:OrderReference/cbc:ID");
        for (xmlNode* b : d_.nodes(r, "cac:BillingReference/cac:InvoiceDocumentReference"))
            inv.preceding.push_back({d_.text(b, "cbc:ID"), values_.iso_date(d_.text(b, "cbc:IssueDate"), "BT-26")});
        inv.contract_reference = d_.text(r, "cac:ContractDocumentReference/cbc:ID");
        inv.project_reference = d_.text(r, "cac:ProjectReference/cbc:ID");
        inv.seller = party(d_.node(r, "cac:AccountingSupplierParty/cac:Party"));
        inv.buyer = party(d_.node(r, "cac:AccountingCustomerParty/cac:Party"));
        if (xmlNode* delivery = d_.node(r, "cac:Delivery")) {
            inv.delivery_date = values_.iso_date(d_.text(delivery, "cbc:ActualDeliveryDate"), "BT-72");
            if (xmlNode* a = d_.node(delivery, "cac:DeliveryLocation/cac:Address")) inv.delivery_address = address(a);
            inv.delivery_name = d_.text(delivery, "cac:DeliveryParty/cac:PartyName/cbc:Name");
        }
        if (xmlNode* means = d_.node(r, "cac:PaymentMeans")) {
            inv.payment.means_code = d_.text(means, "cbc:PaymentMeansCode");
            inv.payment.means_text = XmlDocument::attribute(d_.node(means, "cbc:PaymentMeansCode"), "name");
            if (inv.due_date.empty()) inv.due_date = values_.iso_date(d_.text(means, "cbc:PaymentDueDate"), "BT-9");
            inv.payment.remittance = d_.text(means, "cbc:PaymentID");
            inv.payment.iban = d_.text(means, "cac:PayeeFinancialAccount/cbc:ID");
            inv.payment.account_name = d_.text(means, "cac:PayeeFinancialAccount/cbc:Name");
            inv.payment.bic = d_.text(means, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID");
            inv.payment.mandate = d_.text(means, "cac:PaymentMandate/cbc:ID");
            inv.payment.debtor_iban = d_.text(means, "cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID");
        }
        std::vector<std::string> terms;
        for (xmlNode* t : d_.nodes(r, "cac:PaymentTerms/cbc:Note")) terms.push_back(XmlDocument::content(t));
        inv.payment.terms = join(terms);
        for (xmlNode* a : d_.nodes(r, "cac:AllowanceCharge")) inv.allowances_charges.push_back(allowance_charge(a, true));
        // BT-110: the TaxTotal in the document currency (the one with subtotals, or the first).
        for (xmlNode* total : d_.nodes(r, "cac:TaxTotal")) {
            xmlNode* amount = d_.node(total, "cbc:TaxAmount");
            const bool main = XmlDocument::attribute(amount, "currencyID") == inv.currency || d_.node(total, "cac:TaxSubtotal");
            if (main && !inv.totals.tax_amount) inv.totals.tax_amount = values_.optional_decimal(XmlDocument::content(amount), "BT-110");
            for (xmlNode* sub : d_.nodes(total, "cac:TaxSubtotal")) {
                VatRow v;
                v.taxable_amount = values_.decimal(d_.text(sub, "cbc:TaxableAmount"), "BT-116", true);
                v.tax_amount = values_.decimal(d_.text(sub, "cbc:TaxAmount"), "BT-117", true);
                v.category = d_.text(sub, "cac:TaxCategory/cbc:ID");
                v.rate = values_.optional_decimal(d_.text(sub, "cac:TaxCategory/cbc:Percent"), "BT-119");
                v.exemption_code = d_.text(sub, "cac:TaxCategory/cbc:TaxExemptionReasonCode");
                v.exemption_reason = d_.text(sub, "cac:TaxCategory/cbc:TaxExemptionReason");
                out_.invoice.vat.push_back(std::move(v));
            }
        }
        xmlNode* m = d_.node(r, "cac:LegalMonetaryTotal");
        auto& t = inv.totals;
        t.line_net = values_.optional_decimal(d_.text(m, "cbc:LineExtensionAmount"), "BT-106");
        t.tax_exclusive = values_.required_total(d_.text(m, "cbc:TaxExclusiveAmount"), "BR-13", "BT-109");
        t.tax_inclusive = values_.required_total(d_.text(m, "cbc:TaxInclusiveAmount"), "BR-14", "BT-112");
        t.allowances = values_.optional_decimal(d_.text(m, "cbc:AllowanceTotalAmount"), "BT-107");
        t.charges = values_.optional_decimal(d_.text(m, "cbc:ChargeTotalAmount"), "BT-108");
        t.prepaid = values_.optional_decimal(d_.text(m, "cbc:PrepaidAmount"), "BT-113");
        t.rounding = values_.optional_decimal(d_.text(m, "cbc:PayableRoundingAmount"), "BT-114");
        t.payable = values_.required_total(d_.text(m, "cbc:PayableAmount"), "BR-15", "BT-115");
        for (xmlNode* l : d_.nodes(r, credit_ ? "cac:CreditNoteLine" : "cac:InvoiceLine")) line(l);
    }

private:
    // "#PMD#text" carries a subject code (BT-21).
    static Note note(const std::string& text) {
        if (text.size() > 2 && text[0] == '#') {
            auto end = text.find('#', 1);
            if (end != std::string::npos && end <= 4) return {text.substr(1, end - 1), text.substr(end + 1)};
        }
        return {"", text};
    }

    Address address(xmlNode* a) {
        Address out;
        out.line1 = d_.text(a, "cbc:StreetName");
        out.line2 = d_.text(a, "cbc:AdditionalStreetName");
        out.line3 = d_.text(a, "cac:AddressLine/cbc:Line");
        out.city = d_.text(a, "cbc:CityName");
        out.postal_code = d_.text(a, "cbc:PostalZone");
        out.subdivision = d_.text(a, "cbc:CountrySubentity");
        out.country = d_.text(a, "cac:Country/cbc:IdentificationCode");
        return out;
    }

    Party party(xmlNode* p) {
        Party out;
        if (!p) return out;
        if (xmlNode* e = d_.node(p, "cbc:EndpointID")) out.electronic_address = {XmlDocument::content(e), XmlDocument::attribute(e, "schemeID")};
        for (xmlNode* id : d_.nodes(p, "cac:PartyIdentification/cbc:ID"))
            out.ids.push_back({XmlDocument::content(id), XmlDocument::attribute(id, "schemeID")});
        out.trading_name = d_.text(p, "cac:PartyName/cbc:Name");
        if (xmlNode* a = d_.node(p, "cac:PostalAddress")) out.address = address(a);
        for (xmlNode* scheme : d_.nodes(p, "cac:PartyTaxScheme")) {
            const std::string id = d_.text(scheme, "cbc:CompanyID");
            if (d_.text(scheme, "cac:TaxScheme/cbc:ID") == "VAT") out.vat_id = id;
            else out.tax_registration_id = id;
        }
        out.name = d_.text(p, "cac:PartyLegalEntity/cbc:RegistrationName");
        if (out.name.empty()) out.name = out.trading_name;
        if (xmlNode* legal = d_.node(p, "cac:PartyLegalEntity/cbc:CompanyID"))
            out.legal_id = {XmlDocument::content(legal), XmlDocument::attribute(legal, "schemeID")};
        out.legal_info = d_.text(p, "cac:PartyLegalEntity/cbc:CompanyLegalForm");
        out.contact_name = d_.text(p, "cac:Contact/cbc:Name");
        out.contact_phone = d_.text(p, "cac:Contact/cbc:Telephone");
        out.contact_email = d_.text(p, "cac:Contact/cbc:ElectronicMail");
        return out;
    }

    AllowanceCharge allowance_charge(xmlNode* a, bool document_level) {
        AllowanceCharge out;
        out.charge = d_.text(a, "cbc:ChargeIndicator") == "true";
        out.reason_code = d_.text(a, "cbc:AllowanceChargeReasonCode");
        out.reason = d_.text(a, "cbc:AllowanceChargeReason");
        out.percent = values_.optional_decimal(d_.text(a, "cbc:MultiplierFactorNumeric"), "BT-94");
        out.amount = values_.decimal(d_.text(a, "cbc:Amount"), "BT-92", true);
        out.base = values_.optional_decimal(d_.text(a, "cbc:BaseAmount"), "BT-93");
        if (document_level) {
            out.vat_category = d_.text(a, "cac:TaxCategory/cbc:ID");
            out.vat_rate = values_.optional_decimal(d_.text(a, "cac:TaxCategory/cbc:Percent"), "BT-96");
        }
        return out;
    }

    void line(xmlNode* l) {
        Line out;
        out.id = d_.text(l, "cbc:ID");
        out.note = d_.text(l, "cbc:Note");
        xmlNode* quantity = d_.node(l, credit_ ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity");
        out.quantity = values_.decimal(XmlDocument::content(quantity), "BT-129", true);
        out.unit_code = XmlDocument::attribute(quantity, "unitCode");
        out.net_amount = values_.decimal(d_.text(l, "cbc:LineExtensionAmount"), "BT-131", true);
        out.period_start = values_.iso_date(d_.text(l, "cac:InvoicePeriod/cbc:StartDate"), "BT-134");
        out.period_end = values_.iso_date(d_.text(l, "cac:InvoicePeriod/cbc:EndDate"), "BT-135");
        out.order_line_ref = d_.text(l, "cac:OrderLineReference/cbc:LineID");
        for (xmlNode* a : d_.nodes(l, "cac:AllowanceCharge")) out.allowances_charges.push_back(allowance_charge(a, false));
        out.description = d_.text(l, "cac:Item/cbc:Description");
        out.name = d_.text(l, "cac:Item/cbc:Name");
        out.seller_item_id = d_.text(l, "cac:Item/cac:SellersItemIdentification/cbc:ID");
        out.vat_category = d_.text(l, "cac:Item/cac:ClassifiedTaxCategory/cbc:ID");
        out.vat_rate = values_.optional_decimal(d_.text(l, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"), "BT-152");
        out.net_price = values_.decimal(d_.text(l, "cac:Price/cbc:PriceAmount"), "BT-146", true);
        out.base_quantity = values_.optional_decimal(d_.text(l, "cac:Price/cbc:BaseQuantity"), "BT-149");
        out.price_discount = values_.optional_decimal(d_.text(l, "cac:Price/cac:AllowanceCharge/cbc:Amount"), "BT-147");
        out.gross_price = values_.optional_decimal(d_.text(l, "cac:Price/cac:AllowanceCharge/cbc:BaseAmount"), "BT-148");
        out_.invoice.lines.push_back(std::move(out));
    }

    XmlDocument& d_;
    ParsedInvoice& out_;
    ValueReader values_;
    bool credit_ = false;
};

}  // namespace

void read_ubl(XmlDocument& doc, ParsedInvoice& out) {
    out.syntax = Syntax::Ubl;
    UblReader(doc, out).read();
}

}  // namespace comptoir::einvoice::xml
