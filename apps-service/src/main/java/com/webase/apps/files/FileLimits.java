package com.webase.apps.files;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one app's files may hold.
 *
 * @param maxFileSize one file (2 MB)
 * @param maxAppSize all of an app's current files together (20 MB)
 * @param maxFiles files in an app (1,000)
 * @param maxChangeFiles files one atomic change may touch (500)
 */
@Validated
@ConfigurationProperties("webase.apps.files")
public record FileLimits(
    DataSize maxFileSize, DataSize maxAppSize, int maxFiles, int maxChangeFiles) {

  public FileLimits {
    maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(2) : maxFileSize;
    maxAppSize = maxAppSize == null ? DataSize.ofMegabytes(20) : maxAppSize;
    maxFiles = maxFiles <= 0 ? 1000 : maxFiles;
    maxChangeFiles = maxChangeFiles <= 0 ? 500 : maxChangeFiles;
  }
}
