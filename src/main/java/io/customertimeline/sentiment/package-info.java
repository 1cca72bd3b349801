/**
 * Sentiment of customer-written text: a label and a score in [-1, 1]. The scorer is a plug-in
 * point so that a model can replace the lexicon method later.
 */
package io.customertimeline.sentiment;
