/** End-to-end tests of the reports: scripted commands over HTTP, reports compared with the script's own figures. */
package io.dealflow.standalone.report;
