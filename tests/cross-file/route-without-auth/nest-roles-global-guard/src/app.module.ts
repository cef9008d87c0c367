import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RolesGuard } from './auth/roles.guard';
import { ProductsController } from './posts/products.controller';

// A roles guard passes every route without @Roles metadata: it authenticates nothing else.
@Module({
  controllers: [ProductsController],
  providers: [{ provide: APP_GUARD, useClass: RolesGuard }],
})
export class AppModule {}
