// UN/CEFACT Cross Industry Invoice D16B, as Factur-X 1.0 profiles restrict it. The element order
// is the schema's (a sequence): ExchangedDocumentContext, ExchangedDocument, then the transaction —
// lines, header agreement, delivery, settlement. What a profile does not allow is not written
// (MINIMUM: no lines, no notes, parties reduced to name, SIREN, VAT id; BASIC: no contacts, no
// product identifiers beyond the name, no line notes).
#include "modules/einvoice/xml/cii.hpp"

#include "modules/einvoice/xml/xml_writer.hpp"

namespace comptoir::einvoice::xml {
namespace {

std::string date102(const std::string& iso) {
    std::string out;
    for (char c : iso)
        if (c != '-') out.push_back(c);
    return out;
}

class CiiWriter {
public:
    explicit CiiWriter(const Invoice& inv)
        : inv_(inv), minimum_(!has_lines(inv.profile)), full_(inv.profile == Profile::En16931 || inv.profile == Profile::Extended) {}

    std::string write() {
        w_.start("rsm:CrossIndustryInvoice");
        w_.attribute("xmlns:rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100");
        w_.attribute("xmlns:qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100");
        w_.attribute("xmlns:ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
        w_.attribute("xmlns:udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");
        context();
        document();
        w_.start("rsm:SupplyChainTradeTransaction");
        if (!minimum_)
            for (const auto& l : inv_.lines) line(l);
        agreement();
        delivery();
        settlement();
        w_.end();
        w_.end();
        return w_.finish();
    }

private:
    void date(std::string_view element, const std::string& iso, std::string_view ns = "udt") {
        w_.start(element);
        w_.start(std::string(ns) + ":DateTimeString");
        w_.attribute("format", "102");
        w_.text(date102(iso));
        w_.end();
        w_.end();
    }

    void context() {
        w_.start("rsm:ExchangedDocumentContext");
        if (!inv_.business_process.empty()) {
            w_.start("ram:BusinessProcessSpecifiedDocumentContextParameter");
            w_.element("ram:ID", inv_.business_process);
            w_.end();
        }
        w_.start("ram:GuidelineSpecifiedDocumentContextParameter");
        w_.element("ram:ID", guideline_id(inv_.profile), false);
        w_.end();
        w_.end();
    }

    void document() {
        w_.start("rsm:ExchangedDocument");
        w_.element("ram:ID", inv_.number, false);
        w_.element("ram:TypeCode", inv_.type_code, false);
        date("ram:IssueDateTime", inv_.issue_date);
        if (!minimum_)
            for (const auto& n : inv_.notes) {
                w_.start("ram:IncludedNote");
                w_.element("ram:Content", n.text, false);
                w_.element("ram:SubjectCode", n.subject);
                w_.end();
            }
        w_.end();
    }

    void line(const Line& l) {
        w_.start("ram:IncludedSupplyChainTradeLineItem");
        w_.start("ram:AssociatedDocumentLineDocument");
        w_.element("ram:LineID", l.id, false);
        if (full_ && !l.note.empty()) {
            w_.start("ram:IncludedNote");
            w_.element("ram:Content", l.note);
            w_.end();
        }
        w_.end();

        w_.start("ram:SpecifiedTradeProduct");
        if (full_) w_.element("ram:SellerAssignedID", l.seller_item_id);
        w_.element("ram:Name", l.name, false);
        if (full_) w_.element("ram:Description", l.description);
        w_.end();

        w_.start("ram:SpecifiedLineTradeAgreement");
        if (full_ && !l.order_line_ref.empty()) {
            w_.start("ram:BuyerOrderReferencedDocument");
            w_.element("ram:LineID", l.order_line_ref);
            w_.end();
        }
        if (l.gross_price) {
            w_.start("ram:GrossPriceProductTradePrice");
            w_.element("ram:ChargeAmount", decimal_text(*l.gross_price, 2));
            if (l.base_quantity) w_.element_with("ram:BasisQuantity", "unitCode", l.unit_code, decimal_text(*l.base_quantity, 0));
            if (l.price_discount) {
                w_.start("ram:AppliedTradeAllowanceCharge");
                w_.start("ram:ChargeIndicator");
                w_.element("udt:Indicator", "false");
                w_.end();
                w_.element("ram:ActualAmount", decimal_text(*l.price_discount, 2));
                w_.end();
            }
            w_.end();
        }
        w_.start("ram:NetPriceProductTradePrice");
        w_.element("ram:ChargeAmount", decimal_text(l.net_price, 2));
        if (l.base_quantity) w_.element_with("ram:BasisQuantity", "unitCode", l.unit_code, decimal_text(*l.base_quantity, 0));
        w_.end();
        w_.end();

        w_.start("ram:SpecifiedLineTradeDelivery");
        w_.element_with("ram:BilledQuantity", "unitCode", l.unit_code, decimal_text(l.quantity, 0));
        w_.end();

        w_.start("ram:SpecifiedLineTradeSettlement");
        w_.start("ram:ApplicableTradeTax");
        w_.element("ram:TypeCode", "VAT");
        w_.element("ram:CategoryCode", l.vat_category, false);
        if (l.vat_rate) w_.element("ram:RateApplicablePercent", decimal_text(*l.vat_rate, 2));
        w_.end();
        if (!l.period_start.empty() || !l.period_end.empty()) {
            w_.start("ram:BillingSpecifiedPeriod");
            if (!l.period_start.empty()) date("ram:StartDateTime", l.period_start);
            if (!l.period_end.empty()) date("ram:EndDateTime", l.period_end);
            w_.end();
        }
        for (const auto& a : l.allowances_charges) allowance_charge(a, false);
        w_.start("ram:SpecifiedTradeSettlementLineMonetarySummation");
        w_.element("ram:LineTotalAmount", amount_text(l.net_amount));
        w_.end();
        w_.end();
        w_.end();
    }

    void allowance_charge(const AllowanceCharge& a, bool document_level) {
        w_.start("ram:SpecifiedTradeAllowanceCharge");
        w_.start("ram:ChargeIndicator");
        w_.element("udt:Indicator", a.charge ? "true" : "false");
        w_.end();
        if (a.percent) w_.element("ram:CalculationPercent", decimal_text(*a.percent, 2));
        if (a.base) w_.element("ram:BasisAmount", amount_text(*a.base));
        w_.element("ram:ActualAmount", amount_text(a.amount));
        w_.element("ram:ReasonCode", a.reason_code);
        w_.element("ram:Reason", a.reason);
        if (document_level) {
            w_.start("ram:CategoryTradeTax");
            w_.element("ram:TypeCode", "VAT");
            w_.element("ram:CategoryCode", a.vat_category, false);
            if (a.vat_rate) w_.element("ram:RateApplicablePercent", decimal_text(*a.vat_rate, 2));
            w_.end();
        }
        w_.end();
    }

    void address(const Address& a) {
        w_.start("ram:PostalTradeAddress");
        if (!minimum_) {
            w_.element("ram:PostcodeCode", a.postal_code);
            w_.element("ram:LineOne", a.line1);
            w_.element("ram:LineTwo", a.line2);
            w_.element("ram:LineThree", a.line3);
            w_.element("ram:CityName", a.city);
        }
        w_.element("ram:CountryID", a.country, false);
        if (!minimum_) w_.element("ram:CountrySubDivisionName", a.subdivision);
        w_.end();
    }

    void party(std::string_view element, const Party& p, bool seller) {
        w_.start(element);
        if (!minimum_)
            for (const auto& id : p.ids) w_.element_with("ram:GlobalID", "schemeID", id.scheme, id.value);
        w_.element("ram:Name", p.name, false);
        if (full_ && seller) w_.element("ram:Description", p.legal_info);
        if (!p.legal_id.value.empty()) {
            w_.start("ram:SpecifiedLegalOrganization");
            w_.element_with("ram:ID", "schemeID", p.legal_id.scheme, p.legal_id.value);
            if (!minimum_ && seller) w_.element("ram:TradingBusinessName", p.trading_name);
            w_.end();
        }
        if (full_ && (!p.contact_name.empty() || !p.contact_phone.empty() || !p.contact_email.empty())) {
            w_.start("ram:DefinedTradeContact");
            w_.element("ram:PersonName", p.contact_name);
            if (!p.contact_phone.empty()) {
                w_.start("ram:TelephoneUniversalCommunication");
                w_.element("ram:CompleteNumber", p.contact_phone);
                w_.end();
            }
            if (!p.contact_email.empty()) {
                w_.start("ram:EmailURIUniversalCommunication");
                w_.element("ram:URIID", p.contact_email);
                w_.end();
            }
            w_.end();
        }
        if (seller || !minimum_) {
            if (!(minimum_ && !seller)) address(p.address);
        }
        if (!minimum_ && !p.electronic_address.value.empty()) {
            w_.start("ram:URIUniversalCommunication");
            w_.element_with("ram:URIID", "schemeID", p.electronic_address.scheme, p.electronic_address.value);
            w_.end();
        }
        if (!p.vat_id.empty() && (seller || !minimum_)) {
            w_.start("ram:SpecifiedTaxRegistration");
            w_.element_with("ram:ID", "schemeID", "VA", p.vat_id);
            w_.end();
        }
        if (seller && !p.tax_registration_id.empty() && !minimum_) {
            w_.start("ram:SpecifiedTaxRegistration");
            w_.element_with("ram:ID", "schemeID", "FC", p.tax_registration_id);
            w_.end();
        }
        w_.end();
    }

    void reference(std::string_view element, const std::string& id) {
        if (id.empty()) return;
        w_.start(element);
        w_.element("ram:IssuerAssignedID", id);
        w_.end();
    }

    void agreement() {
        w_.start("ram:ApplicableHeaderTradeAgreement");
        w_.element("ram:BuyerReference", inv_.buyer_reference);
        party("ram:SellerTradeParty", inv_.seller, true);
        party("ram:BuyerTradeParty", inv_.buyer, false);
        reference("ram:BuyerOrderReferencedDocument", inv_.order_reference);
        if (!minimum_) reference("ram:ContractReferencedDocument", inv_.contract_reference);
        if (full_ && !inv_.project_reference.empty()) {
            w_.start("ram:SpecifiedProcuringProject");
            w_.element("ram:ID", inv_.project_reference);
            w_.element("ram:Name", "Projet", false);
            w_.end();
        }
        w_.end();
    }

    void delivery() {
        w_.start("ram:ApplicableHeaderTradeDelivery");
        if (!minimum_ && inv_.delivery_address) {
            w_.start("ram:ShipToTradeParty");
            w_.element("ram:Name", inv_.delivery_name);
            address(*inv_.delivery_address);
            w_.end();
        }
        if (!minimum_ && !inv_.delivery_date.empty()) {
            w_.start("ram:ActualDeliverySupplyChainEvent");
            date("ram:OccurrenceDateTime", inv_.delivery_date);
            w_.end();
        }
        w_.end();
    }

    void settlement() {
        const auto& p = inv_.payment;
        w_.start("ram:ApplicableHeaderTradeSettlement");
        if (!minimum_) w_.element("ram:PaymentReference", p.remittance);
        w_.element("ram:InvoiceCurrencyCode", inv_.currency, false);
        if (!minimum_ && !p.means_code.empty()) {
            w_.start("ram:SpecifiedTradeSettlementPaymentMeans");
            w_.element("ram:TypeCode", p.means_code);
            if (full_) w_.element("ram:Information", p.means_text);
            if (!p.debtor_iban.empty()) {
                w_.start("ram:PayerPartyDebtorFinancialAccount");
                w_.element("ram:IBANID", p.debtor_iban);
                w_.end();
            }
            if (!p.iban.empty()) {
                w_.start("ram:PayeePartyCreditorFinancialAccount");
                w_.element("ram:IBANID", p.iban);
                if (full_) w_.element("ram:AccountName", p.account_name);
                w_.end();
            }
            if (full_ && !p.bic.empty()) {
                w_.start("ram:PayeeSpecifiedCreditorFinancialInstitution");
                w_.element("ram:BICID", p.bic);
                w_.end();
            }
            w_.end();
        }
        if (!minimum_)
            for (const auto& v : inv_.vat) {
                w_.start("ram:ApplicableTradeTax");
                w_.element("ram:CalculatedAmount", amount_text(v.tax_amount));
                w_.element("ram:TypeCode", "VAT");
                w_.element("ram:ExemptionReason", v.exemption_reason);
                w_.element("ram:BasisAmount", amount_text(v.taxable_amount));
                w_.element("ram:CategoryCode", v.category, false);
                w_.element("ram:ExemptionReasonCode", v.exemption_code);
                if (!inv_.vat_point_date_code.empty()) w_.element("ram:DueDateTypeCode", inv_.vat_point_date_code);
                if (v.rate) w_.element("ram:RateApplicablePercent", decimal_text(*v.rate, 2));
                w_.end();
            }
        if (!minimum_ && (!inv_.period_start.empty() || !inv_.period_end.empty())) {
            w_.start("ram:BillingSpecifiedPeriod");
            if (!inv_.period_start.empty()) date("ram:StartDateTime", inv_.period_start);
            if (!inv_.period_end.empty()) date("ram:EndDateTime", inv_.period_end);
            w_.end();
        }
        if (!minimum_)
            for (const auto& a : inv_.allowances_charges) allowance_charge(a, true);
        if (!minimum_ && (!p.terms.empty() || !inv_.due_date.empty() || !p.mandate.empty())) {
            w_.start("ram:SpecifiedTradePaymentTerms");
            w_.element("ram:Description", p.terms);
            if (!inv_.due_date.empty()) date("ram:DueDateDateTime", inv_.due_date);
            w_.element("ram:DirectDebitMandateID", p.mandate);
            w_.end();
        }
        const auto& t = inv_.totals;
        w_.start("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        if (!minimum_ && t.line_net) w_.element("ram:LineTotalAmount", amount_text(*t.line_net));
        if (!minimum_ && t.charges) w_.element("ram:ChargeTotalAmount", amount_text(*t.charges));
        if (!minimum_ && t.allowances) w_.element("ram:AllowanceTotalAmount", amount_text(*t.allowances));
        w_.element("ram:TaxBasisTotalAmount", amount_text(t.tax_exclusive));
        if (t.tax_amount) w_.element_with("ram:TaxTotalAmount", "currencyID", inv_.currency, amount_text(*t.tax_amount));
        if (!minimum_ && t.rounding) w_.element("ram:RoundingAmount", amount_text(*t.rounding));
        w_.element("ram:GrandTotalAmount", amount_text(t.tax_inclusive));
        if (!minimum_ && t.prepaid) w_.element("ram:TotalPrepaidAmount", amount_text(*t.prepaid));
        w_.element("ram:DuePayableAmount", amount_text(t.payable));
        w_.end();
        if (!minimum_)
            for (const auto& ref : inv_.preceding) {
                w_.start("ram:InvoiceReferencedDocument");
                w_.element("ram:IssuerAssignedID", ref.number);
                if (!ref.issue_date.empty()) date("ram:FormattedIssueDateTime", ref.issue_date, "qdt");
                w_.end();
            }
        if (full_ && !inv_.buyer_accounting_ref.empty()) {
            w_.start("ram:ReceivableSpecifiedTradeAccountingAccount");
            w_.element("ram:ID", inv_.buyer_accounting_ref);
            w_.end();
        }
        w_.end();
    }

    const Invoice& inv_;
    const bool minimum_;
    const bool full_;
    XmlWriter w_;
};

}  // namespace

std::string write_cii(const Invoice& invoice) { return CiiWriter(invoice).write(); }

}  // namespace comptoir::einvoice::xml
