# ruff: noqa: E501  (the messages are translated whole; splitting them would not help the translators)
"""What the consent rules' reason codes mean, in words the interface translates (rules.py keeps the English
explanation for developers; a test keeps the two key sets equal)."""

from django.utils.translation import gettext_lazy as _

REASONS = {
    "written_consent": _(
        "Written consent from everyone whose consent is required covers this forum and partner."
    ),
    "assent_no_objection": _(
        "The parents (or the pupil of 16+) were informed and did not object within the window: by name with data of direct importance only; external partners share only outside information."
    ),
    "assent_agreed": _(
        "Everyone who could object said explicitly that they agree with the assent: by name with data of direct importance only; external partners share only outside information."
    ),
    "anonymous": _("Only an anonymous discussion is recorded: no personal data may reach the forum."),
    "override": _(
        "The head of school decided, motivated, to discuss the pupil by name without consent (serious concern and refusing parents)."
    ),
    "no_consent_record": _("There is no consent record for this forum and purpose."),
    "consent_for_other_forum": _("Consent records exist, but only for other forums; consent is per forum."),
    "consent_for_other_purpose": _("Consent records exist for this forum, but only for another purpose."),
    "partner_not_named": _("A written consent exists for this forum, but it does not name this partner."),
    "not_yet_in_effect": _("The consent record is dated in the future."),
    "expired": _("The consent record's validity has ended."),
    "withdrawn": _("The consent was withdrawn; a withdrawal takes effect at once."),
    "refused": _("A person whose consent is required refused."),
    "awaiting_parties": _("Not everyone whose consent is required has given it yet."),
    "objection_window_open": _(
        "The parents (or the pupil of 16+) may still object: nothing by name until the window ends."
    ),
    "objection_window_unknown": _("The assent record has no end of its objection window: nothing by name."),
    "objected": _("An objection was made against the assent: the pupil is not discussed by name."),
    "newer_refusal": _("A refusal recorded after this consent beats it."),
    "newer_objection": _("An objection made after this consent beats it."),
    "newer_withdrawal": _("A withdrawal made after this consent beats it."),
    "mode_not_valid_for_treatment": _(
        "Referral to treatment needs written consent; assent, an anonymous discussion or an override do not suffice."
    ),
    "no_authority_holder": _(
        "The pupil is under 16 and no guardian with authority is known: nobody can consent."
    ),
    "supervision_order": _(
        "A supervision order (OTS) applies: the parents keep their authority, but the family guardian may limit it; check with the family guardian."
    ),
    "pupil_refused_under_16": _(
        "The pupil (under 16) refused; for a discussion the authority holders decide, but weigh the pupil's view."
    ),
    "guardian_without_say_refused": _(
        "A parent whose consent is not required (no authority, or the pupil is 16+) refused; not decisive."
    ),
    "answer_from_unknown_party": _(
        "An answer on the record comes from someone not (or no longer) a known guardian."
    ),
    "guardian_has_authority": _("The guardian holds authority and is informed about the pupil."),
    "important_info_on_request": _(
        "A parent without authority has a right to important information (such as progress, or that a care route started) when he or she asks."
    ),
    "parent_asked": _("The parent without authority asked: the school must give the important facts."),
    "withheld_in_child_interest": _("Information is withheld from this parent in the child's interest."),
    "court_arrangement": _(
        "A court set an information arrangement for this parent: follow the court's arrangement, not the default."
    ),
    "withhold_flag_ignored_for_authority_holder": _(
        "Information is marked to be withheld, but this guardian holds authority and must be informed; check the marking (for instance with the family guardian)."
    ),
    "pupil_16_plus_refused_informing": _(
        "The pupil is 16 or older and refused that this parent is informed."
    ),
    "pupil_under_16_cannot_refuse_informing": _(
        "The pupil is under 16: the pupil's refusal to inform this parent does not bind the school."
    ),
    "adult_pupil_consented": _("The pupil is 18 or older and consented that this parent is informed."),
    "adult_pupil_no_consent": _(
        "The pupil is 18 or older: parents are informed only with the pupil's consent."
    ),
}
