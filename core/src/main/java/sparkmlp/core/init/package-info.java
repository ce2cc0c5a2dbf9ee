/** Seeded weight initialisers. */
package sparkmlp.core.init;
