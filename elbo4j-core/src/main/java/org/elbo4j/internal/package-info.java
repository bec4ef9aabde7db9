/**
 * Not API: helpers shared by elbo4j's own packages, free to change in any release. Public only because Java
 * without modules has no narrower visibility across packages.
 */
package org.elbo4j.internal;
