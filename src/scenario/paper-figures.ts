/**
 * Figures of the paper (Tierney et al. 2024) the site scenarios are calibrated and checked
 * against, in one place for the calibration script, its test and the generated docs.
 */

/** Table 5: referrals to the link worker in the fieldwork month, by site (site 1 gave none). */
export const TABLE5_REFERRALS: Readonly<Record<number, number>> = { 2: 15, 3: 19, 4: 31, 5: 12, 6: 34, 7: 13 };

/** Site 1's target instead (an assumption): about the mean of the other six sites (20.7). */
export const SITE1_ASSUMED_REFERRALS = 20;
