"""External referrals (verwijzing) of a case to a partner organisation, the partner's structured back-reports
(terugkoppeling), and the partner workspace (issue 5, points 5 and 8)."""
